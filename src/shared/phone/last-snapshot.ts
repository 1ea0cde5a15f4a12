import { storage } from 'wxt/utils/storage';
import { LAST_SNAPSHOT_KEY } from './read-last-snapshot';
import type { PhoneSnapshot } from './snapshot';

/**
 * The phone's state as last relayed, kept for this browser session only: a popup draws it at
 * once instead of waiting for the round trip to the softphone. Written by the coordinator;
 * the faces read it with readLastSnapshot (read-last-snapshot.ts).
 */
export const lastSnapshot = storage.defineItem<PhoneSnapshot | null>(`session:${LAST_SNAPSHOT_KEY}`, { fallback: null });
