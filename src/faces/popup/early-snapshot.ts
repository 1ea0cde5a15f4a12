import { readLastSnapshot } from '../../shared/phone/read-last-snapshot';

/**
 * The read of the last relayed state, started as this module is evaluated: the popup's entry
 * imports it first, so the read runs while the rest of the script (Preact, the views) is
 * still being evaluated, not after. The first frame does not wait for it (the popup's address
 * carries the registration state); it brings the calls and the last ended call.
 */
export const earlySnapshot = readLastSnapshot();
