import { popupAddressFor } from '../shared/phone/popup-address';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

/**
 * Keeps the toolbar popup's address carrying the phone's state (see popupAddressFor), so the
 * popup draws the real state in its first frame. Only a changed address is set.
 */
export class PopupAddress {
  private shown?: string;

  constructor(private readonly setPopup: (details: { popup: string }) => Promise<void>) {}

  async show(snapshot: PhoneSnapshot): Promise<void> {
    const popup = popupAddressFor(snapshot);
    if (popup === this.shown) return;
    this.shown = popup;
    try {
      await this.setPopup({ popup });
    } catch (error) {
      this.shown = undefined;
      throw error;
    }
  }
}
