import { describe, expect, it, vi } from 'vitest';
import { PopupAddress } from './popup-address';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

const snap = (state: 'registered' | 'connecting', revision: number): PhoneSnapshot => ({
  registration: { state, aor: 'alice@pbx.example' },
  calls: [],
  revision,
});

describe('PopupAddress', () => {
  it('sets the popup address on a change of state, and not again for the same address', async () => {
    const setPopup = vi.fn(async (_details: { popup: string }) => undefined);
    const address = new PopupAddress(setPopup);
    await address.show(snap('connecting', 1));
    await address.show(snap('registered', 2));
    await address.show(snap('registered', 2));
    expect(setPopup).toHaveBeenCalledTimes(2);
    expect(setPopup.mock.calls[1]![0]).toEqual({ popup: expect.stringContaining('registered') });
  });

  it('tries again next time when the browser refused', async () => {
    const setPopup = vi.fn<(d: { popup: string }) => Promise<void>>().mockRejectedValueOnce(new Error('no')).mockResolvedValue(undefined);
    const address = new PopupAddress(setPopup);
    await expect(address.show(snap('registered', 2))).rejects.toThrow('no');
    await address.show(snap('registered', 2));
    expect(setPopup).toHaveBeenCalledTimes(2);
  });
});
