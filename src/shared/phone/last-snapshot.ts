import { storage } from 'wxt/utils/storage';
import type { PhoneSnapshot } from './snapshot';

/**
 * The phone's state as last relayed, kept for this browser session only: a popup draws it at
 * once instead of waiting for the round trip to the softphone. Written by the coordinator.
 */
export const lastSnapshot = storage.defineItem<PhoneSnapshot | null>('session:lastSnapshot', { fallback: null });
