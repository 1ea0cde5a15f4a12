/** The node after `el` and everything inside it, in `walker`'s order; null at the end. */
export function nextOutside(walker: TreeWalker, el: Node): Node | null {
  walker.currentNode = el;
  let next = walker.nextSibling();
  while (!next) {
    if (!walker.parentNode()) return null;
    next = walker.nextSibling();
  }
  return next;
}
