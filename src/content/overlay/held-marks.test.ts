import { describe, expect, it, vi } from 'vitest';
import type { FoundNumber } from '../scan/found-number';
import { HeldMarks } from './held-marks';

const found = (tel: string) => ({ tel }) as FoundNumber;

describe('HeldMarks (marks of one rescan added together)', () => {
  it('passes marks straight through when nothing is held', () => {
    const marker = { add: vi.fn(), remove: vi.fn() };
    const a = found('tel:+14155550100');
    new HeldMarks(marker).add([a]);
    expect(marker.add).toHaveBeenCalledWith([a]);
  });

  it('adds everything held in one call on release', () => {
    const marker = { add: vi.fn(), remove: vi.fn() };
    const marks = new HeldMarks(marker);
    const [a, b, c] = [found('a'), found('b'), found('c')];
    marks.hold();
    marks.add([a]);
    marks.add([b, c]);
    expect(marker.add).not.toHaveBeenCalled();
    marks.release();
    expect(marker.add).toHaveBeenCalledTimes(1);
    expect(marker.add).toHaveBeenCalledWith([a, b, c]);
    marks.add([a]);
    expect(marker.add).toHaveBeenCalledTimes(2);
  });

  it('never adds a mark removed while held, and removes marks already shown at once', () => {
    const marker = { add: vi.fn(), remove: vi.fn() };
    const marks = new HeldMarks(marker);
    const [a, b] = [found('a'), found('b')];
    marks.hold();
    marks.add([a, b]);
    marks.remove([a]);
    expect(marker.remove).toHaveBeenCalledWith([a]);
    marks.release();
    expect(marker.add).toHaveBeenCalledWith([b]);
  });

  it('adds nothing on release when everything held was removed (a stop mid-rescan)', () => {
    const marker = { add: vi.fn(), remove: vi.fn() };
    const marks = new HeldMarks(marker);
    const a = found('a');
    marks.hold();
    marks.add([a]);
    marks.remove([a]);
    marks.release();
    expect(marker.add).not.toHaveBeenCalled();
  });
});
