import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, Web } from 'sip.js';
import { earlyOfferHandlerFactory } from './early-offer';

// A peer connection that keeps the order of what is done to it. Transceivers follow addTrack's
// reuse rule: a sender that never had a track, of the same kind, is reused.
interface FakeTrack {
  kind: 'audio';
  stop(): void;
}
interface FakeTransceiver {
  direction: RTCRtpTransceiverDirection;
  sender: { track: FakeTrack | null; replaceTrack(t: FakeTrack): Promise<void> };
  mid: string | null;
}

let log: string[];

class FakeStream extends EventTarget {
  tracks: FakeTrack[] = [];
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks;
  }
  getVideoTracks() {
    return [];
  }
  addTrack(t: FakeTrack) {
    this.tracks.push(t);
  }
  removeTrack(t: FakeTrack) {
    this.tracks = this.tracks.filter((x) => x !== t);
  }
}

class FakeTrackEvent extends Event {
  track: FakeTrack;
  constructor(type: string, init: { track: FakeTrack }) {
    super(type);
    this.track = init.track;
  }
}

class FakePeerConnection {
  static last: FakePeerConnection;
  signalingState: RTCSignalingState = 'stable';
  iceGatheringState: RTCIceGatheringState = 'new';
  connectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  transceivers: FakeTransceiver[] = [];
  constructor() {
    FakePeerConnection.last = this;
  }
  getTransceivers() {
    return this.transceivers;
  }
  getSenders() {
    return this.transceivers.map((t) => t.sender);
  }
  getReceivers() {
    return [];
  }
  private transceiver(track: FakeTrack | null, direction: RTCRtpTransceiverDirection): FakeTransceiver {
    const t: FakeTransceiver = {
      direction,
      mid: null,
      sender: {
        track,
        replaceTrack: (n) => {
          t.sender.track = n;
          return Promise.resolve();
        },
      },
    };
    this.transceivers.push(t);
    return t;
  }
  addTransceiver(kind: string, init: { direction: RTCRtpTransceiverDirection; streams: unknown[] }) {
    log.push(`addTransceiver ${kind} ${init.direction} streams=${init.streams.length}`);
    return this.transceiver(null, init.direction);
  }
  addTrack(track: FakeTrack) {
    const reusable = this.transceivers.find((t) => t.sender.track === null);
    if (reusable) {
      log.push('addTrack reuses the transceiver');
      reusable.sender.track = track;
      reusable.direction = 'sendrecv';
      return reusable.sender;
    }
    log.push('addTrack makes a transceiver');
    return this.transceiver(track, 'sendrecv').sender;
  }
  createOffer() {
    log.push(`createOffer m-lines=${this.transceivers.length}`);
    return Promise.resolve({ type: 'offer' as const, sdp: `v=0\r\noffer m-lines=${this.transceivers.length}\r\n` });
  }
  createAnswer() {
    log.push(`createAnswer m-lines=${this.transceivers.length}`);
    return Promise.resolve({ type: 'answer' as const, sdp: 'v=0\r\nanswer\r\n' });
  }
  setLocalDescription(d: RTCSessionDescriptionInit) {
    log.push(`setLocalDescription ${d.type}`);
    this.localDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable';
    this.iceGatheringState = 'complete';
    return Promise.resolve();
  }
  setRemoteDescription(d: RTCSessionDescriptionInit) {
    log.push(`setRemoteDescription ${d.type}`);
    this.remoteDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
    // A remote offer's audio m-line gets a transceiver of its own, as in a browser.
    if (d.type === 'offer' && this.transceivers.length === 0) this.transceiver(null, 'recvonly');
    return Promise.resolve();
  }
  close() {
    this.signalingState = 'closed';
  }
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const quietLogger = { debug() {}, log() {}, warn() {}, error() {} };
const session = { userAgent: { getLogger: () => quietLogger } } as unknown as Session;

function microphone() {
  const opened = deferred<MediaStream>();
  const open = vi.fn((constraints: MediaStreamConstraints) => {
    log.push(`microphone opens ${JSON.stringify(constraints)}`);
    return opened.promise;
  });
  const stream = () => {
    const s = new FakeStream();
    s.addTrack({ kind: 'audio', stop() {} });
    return s as unknown as MediaStream;
  };
  return { open, opened, stream };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('earlyOfferHandlerFactory', () => {
  beforeEach(() => {
    log = [];
    vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
    vi.stubGlobal('MediaStream', FakeStream);
    vi.stubGlobal('MediaStreamTrackEvent', FakeTrackEvent);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('makes a first offer while the microphone opens, and gives it only once the microphone is open', async () => {
    const mic = microphone();
    const sdh = earlyOfferHandlerFactory(mic.open)(session, { iceGatheringTimeout: 1000 }) as Web.SessionDescriptionHandler;
    let offer: { body: string } | undefined;
    void sdh.getDescription().then((d) => (offer = d));
    await settle();
    expect(log).toEqual([
      'addTransceiver audio sendrecv streams=1',
      'microphone opens {"audio":true}',
      'createOffer m-lines=1',
      'setLocalDescription offer',
    ]);
    expect(offer).toBeUndefined();

    mic.opened.resolve(mic.stream());
    await settle();
    expect(log.slice(4)).toEqual(['addTrack reuses the transceiver']);
    expect(offer?.body).toContain('offer m-lines=1');
    const pc = FakePeerConnection.last;
    expect(pc.transceivers).toHaveLength(1);
    expect(pc.transceivers[0]?.sender.track?.kind).toBe('audio');
    expect(sdh.localMediaStream.getTracks()).toHaveLength(1);
  });

  it('fails the offer with the microphone\'s own error when the microphone cannot open', async () => {
    const mic = microphone();
    const sdh = earlyOfferHandlerFactory(mic.open)(session, {}) as Web.SessionDescriptionHandler;
    const offer = sdh.getDescription();
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    mic.opened.reject(denied);
    await expect(offer).rejects.toBe(denied);
  });

  it('answers in sip.js\'s order: the microphone opens before the remote offer, and no extra transceiver', async () => {
    const mic = microphone();
    const sdh = earlyOfferHandlerFactory(mic.open)(session, {}) as Web.SessionDescriptionHandler;
    mic.opened.resolve(mic.stream());
    await sdh.setDescription('v=0\r\na=sendrecv\r\n');
    const answer = await sdh.getDescription();
    expect(answer.body).toContain('answer');
    expect(log).toEqual([
      'microphone opens {"audio":true}',
      'addTrack makes a transceiver',
      'setRemoteDescription offer',
      'createAnswer m-lines=1',
      'setLocalDescription answer',
    ]);
  });

  it('makes a re-offer (hold, ICE restart) in sip.js\'s order, on the call\'s one transceiver', async () => {
    const mic = microphone();
    const sdh = earlyOfferHandlerFactory(mic.open)(session, {}) as Web.SessionDescriptionHandler;
    mic.opened.resolve(mic.stream());
    await sdh.getDescription();
    const pc = FakePeerConnection.last;
    await pc.setRemoteDescription({ type: 'answer', sdp: 'v=0\r\n' });
    log = [];
    await sdh.getDescription({ hold: true });
    expect(log).toEqual(['createOffer m-lines=1', 'setLocalDescription offer']);
    expect(pc.transceivers).toHaveLength(1);
    expect(mic.open).toHaveBeenCalledTimes(1);
  });

  it('keeps sip.js\'s configuration: its ICE timeout by default and the peer connection options over its defaults', () => {
    const seen: RTCConfiguration[] = [];
    vi.stubGlobal(
      'RTCPeerConnection',
      class extends FakePeerConnection {
        constructor(config: RTCConfiguration) {
          super();
          seen.push(config);
        }
      },
    );
    const factory = earlyOfferHandlerFactory(microphone().open);
    const sdh = factory(session, { peerConnectionConfiguration: { iceServers: [] } }) as unknown as {
      sessionDescriptionHandlerConfiguration: Web.SessionDescriptionHandlerConfiguration;
    };
    expect(seen[0]?.iceServers).toEqual([]);
    expect(seen[0]?.rtcpMuxPolicy).toBe('require');
    expect(sdh.sessionDescriptionHandlerConfiguration.iceGatheringTimeout).toBe(5000);
  });
});
