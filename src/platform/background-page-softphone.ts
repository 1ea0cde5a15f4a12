import type { OffscreenPlatform } from './offscreen';

/**
 * Firefox has no offscreen documents, but its MV3 background is an event page with a DOM,
 * WebRTC and getUserMedia. The softphone starts in that very page, once, the first time the
 * coordinator asks for it; it is gone exactly when the page is (then a new page starts a
 * new one). Messages between the two go in-process (see messaging/endpoint.ts).
 */
export function backgroundPageSoftphone(start: () => void): OffscreenPlatform {
  let started = false;
  return {
    // One page, one softphone: its id never changes while it lives.
    documentId: () => Promise.resolve(started ? 'background-page' : null),
    createDocument() {
      if (!started) start();
      started = true;
      return Promise.resolve();
    },
  };
}
