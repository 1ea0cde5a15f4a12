// Genesys's media, the far end of a softphone session: an RTCPeerConnection on a page of the
// test's Chromium, its microphone Chromium's fake tone. It makes the offer the streaming
// stand-in sends as Genesys's media would, and takes the answer and the trickled candidates.
import type { Page } from 'playwright-core';
import type { GenesysMediaPeer } from './streaming-stand-in';

export function pageMediaPeer(p: Page): GenesysMediaPeer {
  return {
    offer: () =>
      p.evaluate(async () => {
        const w = window as unknown as { pc?: RTCPeerConnection };
        w.pc?.close();
        const pc = (w.pc = new RTCPeerConnection());
        for (const track of (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks()) pc.addTrack(track);
        await pc.setLocalDescription(await pc.createOffer());
        await new Promise<void>((resolve) => (pc.iceGatheringState === 'complete' ? resolve() : pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve())));
        return pc.localDescription!.sdp;
      }),
    answer: (sdp) => p.evaluate((s) => (window as unknown as { pc: RTCPeerConnection }).pc.setRemoteDescription({ type: 'answer', sdp: s }), sdp),
    candidate: (candidate, sdpMid) => p.evaluate(([c, m]) => (window as unknown as { pc: RTCPeerConnection }).pc.addIceCandidate({ candidate: c!, sdpMid: m ?? '0' }), [candidate, sdpMid] as const),
    close: () => void p.evaluate(() => (window as unknown as { pc?: RTCPeerConnection }).pc?.close()).catch(() => undefined),
  };
}

/** The audio bytes the far end has sent and received so far. */
export function pageMediaBytes(p: Page): Promise<{ sent: number; received: number }> {
  return p.evaluate(async () => {
    let sent = 0;
    let received = 0;
    const pc = (window as unknown as { pc?: RTCPeerConnection }).pc;
    (await pc?.getStats())?.forEach((r: { type: string; kind?: string; bytesSent?: number; bytesReceived?: number }) => {
      if (r.type === 'outbound-rtp' && r.kind === 'audio') sent += r.bytesSent ?? 0;
      if (r.type === 'inbound-rtp' && r.kind === 'audio') received += r.bytesReceived ?? 0;
    });
    return { sent, received };
  });
}
