import type { FoundNumber } from '../scan/found-number';

interface Marker {
  add(found: readonly FoundNumber[]): void;
  remove(found: readonly FoundNumber[]): void;
}

/**
 * Marks found while a rescan runs, added to the highlight together when it ends. Chromium
 * rebuilds every highlight marker of the document in each rendering update after a highlight
 * changed (HighlightRegistry::ValidateHighlightMarkers), so marks added slice by slice would
 * pay for all the page's marks once per frame the rescan spans; held, they pay once.
 */
export class HeldMarks {
  private held?: Set<FoundNumber>;

  constructor(private readonly marker: Marker) {}

  /** From now on, marks wait for `release`. */
  hold(): void {
    this.held ??= new Set();
  }

  add(found: readonly FoundNumber[]): void {
    if (!this.held) return this.marker.add(found);
    for (const f of found) this.held.add(f);
  }

  /** A number gone before its mark was added is never added. */
  remove(found: readonly FoundNumber[]): void {
    if (this.held) for (const f of found) this.held.delete(f);
    this.marker.remove(found);
  }

  release(): void {
    const held = this.held;
    this.held = undefined;
    if (held?.size) this.marker.add([...held]);
  }
}
