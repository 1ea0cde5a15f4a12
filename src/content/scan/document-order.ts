/**
 * Orders nodes as a person reads the page, also across shadow roots: a node inside a
 * shadow tree sorts where its host is.
 */
export function compareComposed(a: Node, b: Node): number {
  if (a === b) return 0;
  // Nearly always both are in the document itself: one native call, no allocation.
  if (a.isConnected && b.isConnected && a.getRootNode() === b.getRootNode()) {
    const pos = a.compareDocumentPosition(b);
    return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
  }
  const pathA = hostChain(a);
  const pathB = hostChain(b);
  // Find the first tree both share, compare the nodes (or hosts) that stand in it.
  for (let i = pathA.length - 1, j = pathB.length - 1; i >= 0 && j >= 0; i--, j--) {
    const x = pathA[i]!;
    const y = pathB[j]!;
    if (x === y) continue;
    const pos = x.compareDocumentPosition(y);
    if (pos & Node.DOCUMENT_POSITION_FOLLOWING || pos & Node.DOCUMENT_POSITION_CONTAINED_BY) return -1;
    if (pos & Node.DOCUMENT_POSITION_PRECEDING || pos & Node.DOCUMENT_POSITION_CONTAINS) return 1;
    return 0;
  }
  return pathA.length - pathB.length;
}

/** [node, host of its shadow root, host of that host's root, …] */
function hostChain(node: Node): Node[] {
  const chain: Node[] = [node];
  let root = node.getRootNode();
  while (root instanceof ShadowRoot) {
    chain.push(root.host);
    root = root.host.getRootNode();
  }
  return chain;
}
