import type { Page } from 'playwright-core';
import { findNode, type CdpNode } from './cdp-nodes';

export interface CardText {
  /** The card's part: its class, or BUTTON. */
  part: string;
  text: string;
  colour: string;
  /** The colour under the text: the button's own, else the card's. */
  background: string;
}

/**
 * The colours the call card's texts are drawn in, read through the protocol (the card is in
 * a closed shadow root: page scripts cannot see it, the browser's protocol can).
 */
export async function cardColours(page: Page): Promise<CardText[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => n.nodeName === 'OFFHOOK-UI');
    const card = host && findNode(host, (n) => n.nodeName === 'DIV' && classOf(n).includes('card'));
    if (!card) throw new Error('No call card on the page');
    const style = async (node: CdpNode) => {
      const { computedStyle } = (await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId })) as {
        computedStyle: { name: string; value: string }[];
      };
      const get = (name: string) => computedStyle.find((p) => p.name === name)?.value ?? '';
      return { colour: get('color'), background: get('background-color'), display: get('display') };
    };
    const cardStyle = await style(card);
    const texts: CardText[] = [];
    for (const part of card.children ?? []) {
      const own = await style(part);
      if (own.display === 'none') continue;
      const text = textOf(part).trim();
      if (!text) continue;
      texts.push({
        part: part.nodeName === 'BUTTON' ? 'BUTTON' : classOf(part),
        text,
        colour: own.colour,
        background: part.nodeName === 'BUTTON' ? own.background : cardStyle.background,
      });
    }
    return texts;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

function classOf(node: CdpNode): string {
  const attrs = node.attributes ?? [];
  const at = attrs.indexOf('class');
  return at >= 0 ? (attrs[at + 1] ?? '') : '';
}

function textOf(node: CdpNode): string {
  if (node.nodeName === '#text') return node.nodeValue ?? '';
  return (node.children ?? []).map(textOf).join('');
}

