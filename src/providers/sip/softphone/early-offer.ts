import { Web, type Session, type SessionDescriptionHandlerFactory } from 'sip.js';

type Microphone = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** What sip.js's own factory waits for ICE when the options give no timeout. */
const DEFAULT_ICE_GATHERING_TIMEOUT_MS = 5000;

type EarlyOfferHandlerClass = new (
  logger: ConstructorParameters<typeof Web.SessionDescriptionHandler>[0],
  mediaStreamFactory: Web.MediaStreamFactory,
  configuration: Web.SessionDescriptionHandlerConfiguration,
) => Web.SessionDescriptionHandler;

let handlerClass: EarlyOfferHandlerClass | undefined;

/**
 * sip.js's session description handler, except that a call's first offer is made while its
 * microphone opens. sip.js opens the microphone (7–9 ms here), then makes the offer, sets it and
 * gathers candidates (another 10–15 ms), one after the other. None of the offer depends on the
 * track: only on there being an audio m-line. So a first offer starts on a trackless sendrecv
 * audio transceiver, and the microphone's track joins that transceiver when it comes (addTrack
 * reuses a transceiver whose sender never had a track). The offer still goes out only once the
 * microphone is open, so a call whose microphone fails fails as before, with the same error.
 *
 * Everything else keeps sip.js's order: answers (sip.js opens the microphone before it applies
 * the remote offer, and the answer must carry the track), re-offers (hold, ICE restart) and
 * a handler whose connection already has a transceiver.
 *
 * The class is made on first use: `sip.js` is a module some unit tests replace with a stub
 * that has no `Web`.
 */
function defineEarlyOfferHandler(): EarlyOfferHandlerClass {
  return class EarlyOfferHandler extends Web.SessionDescriptionHandler {
    /** The microphone opening for the first offer, while the offer is made. */
    private microphoneOpening: Promise<void> | undefined;
    /** Set while getDescription makes a first offer. */
    private offering = false;

    override getDescription(
      options?: Web.SessionDescriptionHandlerOptions,
      modifiers?: Parameters<Web.SessionDescriptionHandler['getDescription']>[1],
    ) {
      const pc = this.peerConnection;
      this.offering =
        pc !== undefined &&
        pc.signalingState === 'stable' &&
        pc.localDescription === null &&
        pc.remoteDescription === null &&
        pc.getTransceivers().length === 0;
      return super.getDescription(options, modifiers).finally(() => {
        this.offering = false;
        this.microphoneOpening = undefined;
      });
    }

    protected override getLocalMediaStream(options?: Web.SessionDescriptionHandlerOptions): Promise<void> {
      const pc = this.peerConnection;
      if (!this.offering || !pc) return super.getLocalMediaStream(options);
      pc.addTransceiver('audio', { direction: 'sendrecv', streams: [this._localMediaStream] });
      const opening = super.getLocalMediaStream(options);
      // Awaited in waitForIceGatheringComplete; a failure surfaces there, not as unhandled.
      opening.catch(() => undefined);
      this.microphoneOpening = opening;
      return Promise.resolve();
    }

    protected override waitForIceGatheringComplete(restart?: boolean, timeout?: number): Promise<void> {
      const gathering = super.waitForIceGatheringComplete(restart, timeout);
      const opening = this.microphoneOpening;
      if (!opening) return gathering;
      // A failed microphone ends the wait at once, with its own error.
      return Promise.all([gathering, opening]).then(() => undefined);
    }
  };
}

/**
 * sip.js's default handler factory (same configuration: the ICE timeout, the peer connection
 * options over sip.js's defaults), making handlers whose first offer is made while the
 * microphone opens.
 */
export function earlyOfferHandlerFactory(microphone: Microphone | undefined): SessionDescriptionHandlerFactory {
  let mediaStreamFactory: Web.MediaStreamFactory | undefined;
  return (session: Session, options?: Web.SessionDescriptionHandlerFactoryOptions) => {
    handlerClass ??= defineEarlyOfferHandler();
    mediaStreamFactory ??= microphone ?? Web.defaultMediaStreamFactory();
    const configuration: Web.SessionDescriptionHandlerConfiguration = {
      iceGatheringTimeout: options?.iceGatheringTimeout ?? DEFAULT_ICE_GATHERING_TIMEOUT_MS,
      peerConnectionConfiguration: {
        ...Web.defaultPeerConnectionConfiguration(),
        ...options?.peerConnectionConfiguration,
      },
    };
    const logger = session.userAgent.getLogger('sip.SessionDescriptionHandler');
    return new handlerClass(logger, mediaStreamFactory, configuration);
  };
}
