/** A node of the DOM as the protocol describes it (DOM.getDocument with `pierce`: closed
 * shadow roots included, which page scripts cannot see). */
export interface CdpNode {
  nodeName: string;
  nodeId: number;
  backendNodeId: number;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

/** The first node, depth first, that `match` accepts, looking into shadow roots. */
export function findNode(node: CdpNode, match: (n: CdpNode) => boolean): CdpNode | undefined {
  if (match(node)) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return undefined;
}
