// The remote party: a plain sip.js 0.21 phone in a web page, so the extension under test
// talks to a real WebRTC endpoint through the same Kamailio. Driven through window.party
// (see ../party.ts); can also start itself from the query string for manual use:
//   party.html?ws=ws://127.0.0.1:PORT&user=bob&password=bob-secret&autoAnswer=1
import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
} from '/vendor/sip.js/lib/index.js';

const AUDIO_ONLY = { constraints: { audio: true, video: false } };
const REGISTER_TIMEOUT_MS = 10_000;

/** @type {string[]} */
const events = [];
const startedAt = performance.now();

let config;
/** @type {UserAgent | undefined} */
let ua;
/** @type {Registerer | undefined} */
let registerer;
/** @type {import('/vendor/sip.js/lib/index.js').Session | undefined} */
let session;
let state = 'idle';
let registration = 'unregistered';
let lastFinalResponse;
let lastInvite;
/** First lines of the sipfrag bodies NOTIFYed about our last REFER ("SIP/2.0 200 OK"). */
let referNotifies = [];
let audio = { bytesReceived: 0, bytesSent: 0, packetsReceived: 0, totalAudioEnergy: 0 };
let statsTimer;

function note(message) {
  const line = `${((performance.now() - startedAt) / 1000).toFixed(3)} ${message}`;
  events.push(line);
  document.getElementById('events').textContent = events.join('\n');
}

function setState(next) {
  if (state === next) return;
  state = next;
  document.getElementById('state').textContent = next;
  note(`state ${next}`);
}

function setRegistration(next) {
  registration = next;
  document.getElementById('registration').textContent = next;
}

function describe(response) {
  return `${response.message.statusCode} ${response.message.reasonPhrase}`;
}

async function start(options) {
  if (ua) throw new Error('party already started');
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  config = { domain: 'offhook.test', register: true, autoAnswer: false, echo: false, earlyMedia: false, ...given };
  // `domain` is the server's (bare targets go there); `aorDomain` is ours if we are not
  // one of its users, e.g. a foreign caller arriving as through a trunk.
  const aor = `sip:${config.username}@${config.aorDomain ?? config.domain}`;
  document.getElementById('who').textContent = aor;
  if (config.tone) useTone(config.tone);
  document.title = `party ${config.username}`;

  ua = new UserAgent({
    uri: UserAgent.makeURI(aor),
    displayName: config.displayName,
    authorizationUsername: config.username,
    authorizationPassword: config.password,
    transportOptions: { server: config.wsUrl, connectionTimeout: 5, traceSip: config.traceSip },
    // sip.js would otherwise use a public STUN server, and the tests have no internet.
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 500,
    },
    // Attended transfer: sip.js then matches an INVITE's Replaces header to our dialog
    // (481 when there is none) and sends that dialog a BYE once we accept; onInvite
    // accepts such an INVITE at once instead of ringing.
    sipExtensionReplaces: SIPExtension.Supported,
    logBuiltinEnabled: false,
    logLevel: config.traceSip ? 'debug' : 'warn',
    logConnector: (level, category, _label, content) => {
      if (level === 'warn' || level === 'error') note(`sip.js ${level} ${category}: ${content}`);
      else if (config.traceSip && category === 'sip.Transport') note(`sip.js ${content}`);
    },
    delegate: {
      onInvite: onInvite,
      onDisconnect: (error) => note(`transport disconnected${error ? `: ${error.message}` : ''}`),
    },
  });
  await ua.start();
  note(`connected ${config.wsUrl}`);
  if (!config.register) {
    note('not registering');
    return;
  }

  registerer = new Registerer(ua, { expires: 300 });
  registerer.stateChange.addListener((s) => {
    if (s === RegistererState.Registered) setRegistration('registered');
    if (s === RegistererState.Unregistered && registration !== 'failed') setRegistration('unregistered');
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`REGISTER for ${aor}: no final response`)), REGISTER_TIMEOUT_MS);
    function fail(error) {
      clearTimeout(timer);
      setRegistration('failed');
      note(error.message);
      reject(error);
    }
    registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            clearTimeout(timer);
            note('registered');
            resolve();
          },
          // sip.js reads Retry-After (500 and 503 only) just for the length of onReject.
          onReject: (response) => {
            const retry = registerer.retryAfter === undefined ? '' : ` (Retry-After ${registerer.retryAfter})`;
            fail(new Error(`REGISTER for ${aor} rejected: ${describe(response)}${retry}`));
          },
        },
      })
      .catch(fail);
  });
}

/**
 * Our "microphone" becomes a steady sine at `frequency` Hz, so two parties send audio that
 * is told apart and never pauses (the fake device beeps once a second).
 */
function useTone(frequency) {
  const ctx = new AudioContext();
  const oscillator = ctx.createOscillator();
  oscillator.frequency.value = frequency;
  const gain = ctx.createGain();
  gain.gain.value = 0.5;
  const out = ctx.createMediaStreamDestination();
  oscillator.connect(gain).connect(out);
  oscillator.start();
  navigator.mediaDevices.getUserMedia = async () => new MediaStream(out.stream.getAudioTracks().map((t) => t.clone()));
  note(`microphone is a ${frequency} Hz tone`);
}

/** Stops (or restarts) sending sound on the current call, without any signalling. */
function silence(on) {
  const pc = session?.sessionDescriptionHandler?.peerConnection;
  for (const sender of pc?.getSenders() ?? []) if (sender.track) sender.track.enabled = !on;
  note(on ? 'silenced' : 'unsilenced');
}

function onInvite(invitation) {
  const identity = invitation.remoteIdentity;
  lastInvite = {
    fromDisplayName: identity.displayName || undefined,
    fromUser: identity.uri.user,
    fromUri: identity.uri.toString(),
    callId: invitation.request.callId,
  };
  note(`invite-in from=${identity.uri.user} name=${JSON.stringify(identity.displayName || '')}`);
  const replaced = invitation.replacee;
  if (replaced) {
    // INVITE with Replaces (RFC 3891): the caller takes over the named call without ringing;
    // sip.js ends the replaced dialog with a BYE once this one is accepted.
    note(`replaces-received callid=${replaced.dialog?.callId ?? '?'}`);
    track(invitation);
    void invitation
      .accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY })
      .then(() => note('replaces-accepted'))
      .catch((e) => note(`replaces failed: ${e.message}`));
    return;
  }
  if (session && session.state !== SessionState.Terminated) {
    note('busy: rejecting second call with 486');
    void invitation.reject({ statusCode: 486 });
    return;
  }
  invitation.delegate = { onCancel: () => note('cancel-received') };
  track(invitation);
  setState('ringing-in');
  if (config.earlyMedia) {
    // 183 Session Progress with SDP: the caller hears our audio before we answer.
    invitation
      .progress({ statusCode: 183 })
      .then(() => note('early-media-sent'))
      .catch((e) => note(`early media failed: ${e.message}`));
  }
  if (config.autoAnswer) {
    setTimeout(() => {
      if (session === invitation && state === 'ringing-in') answer().catch((e) => note(`auto-answer failed: ${e.message}`));
    }, 300);
  }
}

function track(next) {
  session = next;
  audio = { bytesReceived: 0, bytesSent: 0, packetsReceived: 0, totalAudioEnergy: 0 };
  const delegate = next.delegate ?? {};
  next.delegate = {
    ...delegate,
    // A delegate onBye replaces sip.js's automatic 200 OK: answer it ourselves.
    onBye: (bye) => {
      note('bye-received');
      void bye.accept();
    },
    onInvite: (request, _response, statusCode) => {
      const direction = /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(request.body ?? '')?.[1] ?? 'none';
      note(`reinvite-received ${statusCode} direction=${direction}`);
    },
    // Blind transfer: accept the REFER and call whom it names, as a desk phone does.
    onRefer: (referral) => {
      note(`refer-received to=${referral.referTo.uri}${referral.replaces ? ' with-replaces' : ''}`);
      void referral.accept().then(() => {
        const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
        lastFinalResponse = undefined;
        track(inviter);
        setState('calling');
        note(`invite-out to=${referral.referTo.uri} (transferred)`);
        return inviter.invite({ requestDelegate: outboundInviteDelegate });
      });
    },
    // Keypad tones sent as SIP INFO (application/dtmf-relay).
    onInfo: (info) => {
      const signal = /Signal=\s*(\S)/.exec(info.request.body ?? '')?.[1] ?? '?';
      note(`info-received ${info.request.getHeader('Content-Type')} signal=${signal}`);
      void info.accept();
    },
  };
  next.stateChange.addListener((s) => {
    if (session !== next) return;
    if (s === SessionState.Established) {
      setState('established');
      attachMedia(next);
    } else if (s === SessionState.Terminated) {
      void pollStats(next).finally(() => {
        clearInterval(statsTimer);
        statsTimer = undefined;
      });
      setState('terminated');
    }
  });
}

function attachMedia(current) {
  const sdh = current.sessionDescriptionHandler;
  if (!sdh) return;
  const element = document.getElementById('remote-audio');
  element.srcObject = sdh.remoteMediaStream;
  element.play().catch((e) => note(`audio play failed: ${e.message}`));
  if (config.echo) {
    // Send the caller's own voice back, so a person trying the demo hears the path work.
    const remoteTrack = sdh.remoteMediaStream.getAudioTracks()[0];
    const sender = sdh.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
    if (remoteTrack && sender) void sender.replaceTrack(remoteTrack).then(() => note('echoing remote audio'));
  }
  // For a call that carries no audio, the transcript says how far ICE got and with what.
  const pc = sdh.peerConnection;
  if (pc) {
    // Our own too: the far end can only pair with what we sent (and libwebrtc stops gathering
    // once any pair works, so a slower interface may be missing).
    note(`remote candidates: ${candidatesIn(pc.remoteDescription?.sdp)}`);
    note(`local candidates: ${candidatesIn(pc.localDescription?.sdp)}`);
    note(`ice ${pc.iceConnectionState}, connection ${pc.connectionState}`);
    pc.addEventListener('iceconnectionstatechange', () => note(`ice ${pc.iceConnectionState}`));
    pc.addEventListener('connectionstatechange', () => note(`connection ${pc.connectionState}`));
  }
  // Stats vanish when the peer connection closes: keep the last values around.
  clearInterval(statsTimer);
  statsTimer = setInterval(() => void pollStats(current), 500);
}

/** "udp 2122252543 10.203.0.1 49612 typ host | …" for each a=candidate line of `sdp`. */
function candidatesIn(sdp) {
  const lines = (sdp ?? '').split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'));
  return lines.map((l) => l.split(' ').slice(2, 8).join(' ')).join(' | ') || 'none';
}

async function pollStats(current) {
  const pc = current.sessionDescriptionHandler?.peerConnection;
  if (!pc || pc.signalingState === 'closed') return audio;
  const report = await pc.getStats();
  const next = { ...audio };
  report.forEach((entry) => {
    const kind = entry.kind ?? entry.mediaType;
    if (kind !== 'audio') return;
    if (entry.type === 'inbound-rtp') {
      next.bytesReceived = entry.bytesReceived ?? 0;
      next.packetsReceived = entry.packetsReceived ?? 0;
      // Energy, not bytes, tells sound from silence: a muted sender still sends packets.
      next.totalAudioEnergy = entry.totalAudioEnergy ?? 0;
    } else if (entry.type === 'outbound-rtp') {
      next.bytesSent = entry.bytesSent ?? 0;
    }
  });
  if (session === current) audio = next;
  return next;
}

function toTarget(target) {
  if (target.startsWith('sip:') || target.startsWith('sips:')) return target;
  if (target.includes('@')) return `sip:${target}`;
  return `sip:${target}@${config.domain}`;
}

function requireSession(kind, wanted) {
  if (!session || state !== wanted) {
    throw new Error(`${kind}: no call in state ${wanted} (state is ${state})`);
  }
  return session;
}

/**
 * Sends an out-of-dialog NOTIFY to `target`, as a PBX's voicemail server does (Asterisk's
 * unsolicited message-summary), through sip.js's core so Kamailio's challenge is answered.
 * Resolves with the final status code.
 */
async function notify(target, event, contentType, body) {
  if (!ua) throw new Error('party not started');
  const uri = UserAgent.makeURI(toTarget(target));
  if (!uri) throw new Error(`notify: bad target ${target}`);
  const core = ua.userAgentCore;
  const message = core.makeOutgoingRequestMessage('NOTIFY', uri, ua.configuration.uri, uri, {}, [`Event: ${event}`, 'Subscription-State: active'], {
    contentDisposition: 'render',
    contentType,
    content: body,
  });
  note(`notify-out to=${uri} event=${event}`);
  return new Promise((resolve) => {
    core.request(message, {
      onAccept: (response) => resolve(response.message.statusCode),
      onReject: (response) => resolve(response.message.statusCode),
    });
  });
}

/** `extraHeaders`: raw header lines for the INVITE, e.g. Call-Info or P-Asserted-Identity. */
async function call(target, extraHeaders = []) {
  if (!ua) throw new Error('party not started');
  if (session && session.state !== SessionState.Terminated) throw new Error(`call: already in a call (${state})`);
  const uri = UserAgent.makeURI(toTarget(target));
  if (!uri) throw new Error(`call: bad target ${target}`);
  const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: AUDIO_ONLY, extraHeaders });
  lastFinalResponse = undefined;
  track(inviter);
  setState('calling');
  note(`invite-out to=${uri}${extraHeaders.length ? ` headers=${extraHeaders.map((h) => h.split(':')[0]).join(',')}` : ''}`);
  await inviter.invite({ requestDelegate: outboundInviteDelegate });
}

/** For every INVITE we send, our own or a transfer's: notes the responses, keeps the final one. */
const outboundInviteDelegate = {
  onProgress: (response) => note(`progress ${describe(response)}`),
  onAccept: (response) => {
    lastFinalResponse = response.message.statusCode;
    note(`accepted ${describe(response)}`);
  },
  onReject: (response) => {
    lastFinalResponse = response.message.statusCode;
    note(`rejected ${describe(response)}`);
  },
};

async function answer() {
  const invitation = requireSession('answer', 'ringing-in');
  note('answering');
  await invitation.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
}

async function decline(code) {
  const invitation = requireSession('decline', 'ringing-in');
  note(`declining ${code}`);
  await invitation.reject({ statusCode: code });
}

async function cancel(elsewhere) {
  const inviter = requireSession('cancel', 'calling');
  note(elsewhere ? 'cancelling: answered elsewhere' : 'cancelling');
  // A PBX's parallel ring ends the other legs with Reason: SIP;cause=200 ("completed elsewhere").
  await inviter.cancel(elsewhere ? { statusCode: 200, reasonPhrase: 'Call completed elsewhere' } : {});
}

async function hangup() {
  const current = requireSession('hangup', 'established');
  note('bye-sent');
  await current.bye();
}

/** Sends a re-INVITE putting the peer on hold (or back); resolves with the final status code. */
async function hold(onHold) {
  const current = requireSession('hold', 'established');
  note(`reinvite-out hold=${onHold}`);
  return new Promise((resolve, reject) => {
    current
      .invite({
        sessionDescriptionHandlerOptions: { ...AUDIO_ONLY, hold: onHold },
        requestDelegate: {
          onAccept: (response) => {
            note(`reinvite ${describe(response)}`);
            resolve(response.message.statusCode);
          },
          onReject: (response) => {
            note(`reinvite ${describe(response)}`);
            resolve(response.message.statusCode);
          },
        },
      })
      .catch(reject);
  });
}

/**
 * Sends an in-dialog REFER (blind transfer of the peer to `target`); resolves with its
 * final status code. The NOTIFYs about it land in referNotifies.
 */
async function refer(target) {
  const current = requireSession('refer', 'established');
  const uri = UserAgent.makeURI(toTarget(target));
  if (!uri) throw new Error(`refer: bad target ${target}`);
  referNotifies = [];
  note(`refer-sent to=${uri}`);
  return new Promise((resolve, reject) => {
    const settle = (response) => {
      note(`refer-response ${describe(response)}`);
      resolve(response.message.statusCode);
    };
    current
      .refer(uri, {
        requestDelegate: { onAccept: settle, onReject: settle },
        // Given onNotify, sip.js leaves answering each NOTIFY to us.
        onNotify: (notification) => {
          const line = (notification.request.body ?? '').split(/\r?\n/)[0].trim();
          referNotifies.push(line);
          note(`refer-notify ${line}`);
          void notification.accept();
        },
      })
      .catch(reject);
  });
}

async function close() {
  if (!ua) return;
  if (session && session.state === SessionState.Established) await session.bye().catch(() => undefined);
  if (registerer && registration === 'registered') {
    // Bounded: a dead server must not keep the page from closing.
    await Promise.race([
      new Promise((resolve) => {
        registerer
          .unregister({ requestDelegate: { onAccept: resolve, onReject: resolve } })
          .catch(resolve);
      }),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  }
  await ua.stop().catch(() => undefined);
  ua = undefined;
  note('closed');
}

window.party = {
  start,
  call,
  answer,
  decline,
  cancel,
  hangup,
  hold,
  refer,
  notify,
  silence,
  close,
  state: () => state,
  registration: () => registration,
  lastFinalResponse: () => lastFinalResponse,
  lastInvite: () => lastInvite,
  referNotifies: () => [...referNotifies],
  audio: async () => (session ? pollStats(session) : audio),
  events: () => [...events],
  // The far end's session description as we last applied it.
  remoteSdp: () => session?.sessionDescriptionHandler?.peerConnection?.remoteDescription?.sdp,
};

const params = new URLSearchParams(location.search);
if (params.has('ws') && params.has('user')) {
  start({
    wsUrl: params.get('ws'),
    username: params.get('user'),
    password: params.get('password') ?? `${params.get('user')}-secret`,
    domain: params.get('domain') ?? undefined,
    displayName: params.get('name') ?? undefined,
    autoAnswer: params.get('autoAnswer') === '1',
    echo: params.get('echo') === '1',
    traceSip: params.get('traceSip') === '1',
  }).catch((e) => note(`start failed: ${e.message}`));
}
