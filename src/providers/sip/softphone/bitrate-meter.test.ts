import { describe, expect, it } from 'vitest';
import type { MediaFigures } from '../../../shared/call/call-info';
import { BitrateMeter } from './bitrate-meter';

const read = (bytesSent: number, bytesReceived: number): MediaFigures => ({ bytesSent, bytesReceived, packetsReceived: 0 });

describe('BitrateMeter', () => {
  it('has no bitrate on the first read', () => {
    const figures = read(1000, 1000);
    new BitrateMeter().measure(figures, 0);
    expect(figures.sendKbps).toBeUndefined();
    expect(figures.receiveKbps).toBeUndefined();
  });

  it('measures kilobits per second between two reads', () => {
    const meter = new BitrateMeter();
    meter.measure(read(0, 0), 10_000);
    const figures = read(4000, 8000);
    meter.measure(figures, 12_000);
    expect(figures.sendKbps).toBe(16);
    expect(figures.receiveKbps).toBe(32);
  });

  it('keeps the last measured read as the base when reads come too close together', () => {
    const meter = new BitrateMeter();
    meter.measure(read(0, 0), 0);
    const early = read(100, 100);
    meter.measure(early, 100);
    expect(early.sendKbps).toBeUndefined();
    const later = read(1000, 2000);
    meter.measure(later, 1000);
    expect(later.sendKbps).toBe(8);
    expect(later.receiveKbps).toBe(16);
  });
});
