import type { PhoneSnapshot } from '../../src/shared/phone/snapshot';
import { pollUntil } from './poll';

/** Reads the softphone's snapshot, with getStats figures when `withMedia`. */
export type ReadSoftphone<S extends PhoneSnapshot> = (withMedia: boolean) => Promise<S>;

/** Polls the softphone until `predicate` holds; the error names `what` and the last state. */
export function waitForSoftphone<S extends PhoneSnapshot>(
  read: ReadSoftphone<S>,
  predicate: (s: S) => boolean,
  what: string,
  timeoutMs = 15_000,
  withMedia = false,
): Promise<S> {
  return pollUntil(
    () => read(withMedia),
    predicate,
    (last) => `Timed out waiting for the softphone: ${what}. Last state: ${JSON.stringify(last)}`,
    timeoutMs,
  );
}

/** Bytes of audio received and sent by the extension's first call, from getStats, once both
 * exceed `minBytes`. */
export async function waitForExtensionAudio<S extends PhoneSnapshot>(
  read: ReadSoftphone<S>,
  minBytes = 2000,
  timeoutMs = 15_000,
): Promise<{ bytesReceived: number; bytesSent: number }> {
  const snap = await waitForSoftphone(
    read,
    (s) => (s.calls[0]?.media?.bytesReceived ?? 0) > minBytes && (s.calls[0]?.media?.bytesSent ?? 0) > minBytes,
    `audio flowing both ways (> ${minBytes} bytes)`,
    timeoutMs,
    true,
  );
  return snap.calls[0]!.media!;
}
