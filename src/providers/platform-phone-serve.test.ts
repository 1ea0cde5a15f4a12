import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { listenNotices, request } from '../shared/messaging/endpoint';
import type { GenesysPhoneState } from '../shared/messaging/protocol';
import type { CallCommand } from '../shared/phone/call-command';
import { servePlatformPhone } from './platform-phone-serve';

// The requests are sent as the worker sends them; here the test is the worker, in the same page
// (endpoint.ts hands such messages over in-process, through the sender policy and the shapes).
const url = (path: string) => (browser.runtime.getURL as (p: string) => string)(path);
const here = (path: string) => vi.stubGlobal('location', { href: url(path) });
const flush = () => new Promise((r) => setTimeout(r, 0));

const SETTINGS = { microphone: null, speaker: { id: 'spk-1', label: 'Headset' }, ringer: null, ringVolume: 0.5 };

function fakePhone() {
  let state: GenesysPhoneState = { registration: { state: 'registered', aor: 'agent@example.com' }, ringing: [], media: [], tone: null };
  return {
    configured: true,
    commands: [] as CallCommand[],
    tokens: [] as string[],
    retries: 0,
    ring(tone: 'ringtone' | null) {
      state = { ...state, tone };
    },
    state: () => state,
    setToken(token: string) {
      this.tokens.push(token);
    },
    async command(command: CallCommand) {
      this.commands.push(command);
      return { ok: true as const };
    },
    retry() {
      this.retries++;
    },
    async start(config: object | null) {
      this.configured = config !== null;
    },
  };
}

function fakeAudio() {
  let testing: 'speaker' | 'ringer' | null = null;
  let testDone: (() => void) | undefined;
  const settings: unknown[] = [];
  const followed: ('ringtone' | null)[] = [];
  return {
    settings,
    followed,
    set: vi.fn(async (value: unknown) => (settings.push(value), ['no such ringer'])),
    test: vi.fn((output: 'speaker' | 'ringer', done: () => void) => {
      testing = output;
      testDone = () => ((testing = null), done());
    }),
    endTest: () => testDone!(),
    follow: vi.fn((state: { tone: 'ringtone' | null }) => void followed.push(state.tone)),
    view: (withMedia = false) => ({ warnings: [], testing, ...(withMedia ? { level: 0.2, sinkId: 'spk-1' } : {}) }),
    refresh: vi.fn(async () => ({ microphone: '', speaker: '', ringer: '', ringVolume: 0.8, warnings: [] })),
  };
}

describe('servePlatformPhone: what the Genesys and Webex phones answer alike', () => {
  let abort: AbortController;
  let mediaDevices: EventTarget;
  let changes: GenesysPhoneState[];

  beforeEach(() => {
    fakeBrowser.reset();
    abort = new AbortController();
    mediaDevices = new EventTarget();
    vi.stubGlobal('navigator', { mediaDevices });
    here('/_generated_background_page.html');
    changes = [];
    listenNotices('genesys-phone-events', { 'genesys-phone:changed': (state) => void changes.push(state) }, abort.signal);
  });
  afterEach(() => {
    abort.abort();
    vi.unstubAllGlobals();
  });

  function serve() {
    const audio = fakeAudio();
    const phone = fakePhone();
    const start = vi.fn();
    let changed!: () => void;
    const served = servePlatformPhone('genesys-phone', {
      audio: audio as never,
      phone: (onChange) => ((changed = onChange), phone),
      requests: (p, view) => ({
        'genesys-phone:start': {
          shape: { config: 'null|object' },
          run: async ({ config }) => (start(config), await p.start(config), view()),
        },
      }),
      signal: abort.signal,
    });
    return { audio, phone, served, start, changed: () => changed() };
  }

  it('answers the state with the phone’s, its sound (the level too when asked) and whether it is configured', async () => {
    const { phone, served } = serve();
    expect(served).toBe(phone);
    expect(await request('genesys-phone', 'genesys-phone:state', {})).toEqual({ ...phone.state(), audio: { warnings: [], testing: null }, configured: true });
    expect((await request('genesys-phone', 'genesys-phone:state', { withMedia: true })).audio).toEqual({ warnings: [], testing: null, level: 0.2, sinkId: 'spk-1' });
  });

  it('reports the phone’s changes on the events channel, with its sound', async () => {
    const { phone, changed } = serve();
    phone.ring('ringtone');
    changed();
    await flush();
    expect(changes).toEqual([{ ...phone.state(), audio: { warnings: [], testing: null }, configured: true }]);
  });

  it('takes the sound devices checked, answers their warnings and reports the change; refuses settings it cannot read', async () => {
    const { audio } = serve();
    expect(await request('genesys-phone', 'genesys-phone:audio', { settings: SETTINGS })).toEqual({ ok: true, warnings: ['no such ringer'] });
    expect(audio.settings).toEqual([SETTINGS]);
    expect(changes).toHaveLength(1);
    await expect(request('genesys-phone', 'genesys-phone:audio', { settings: { ...SETTINGS, ringVolume: 3 } })).rejects.toThrow(/ringVolume/);
    expect(audio.settings).toHaveLength(1);
  });

  it('Test ringer sounds and is reported; when it ends the phone’s own tone follows again (a call may ring meanwhile)', async () => {
    const { audio, phone } = serve();
    expect(await request('genesys-phone', 'genesys-phone:test-audio', { output: 'ringer' })).toEqual({ ok: true });
    expect(audio.test).toHaveBeenCalledWith('ringer', expect.any(Function));
    expect(changes.map((c) => c.audio?.testing)).toEqual(['ringer']);
    phone.ring('ringtone');
    audio.endTest();
    await flush();
    expect(audio.followed).toEqual(['ringtone']);
    expect(changes.map((c) => c.audio?.testing)).toEqual(['ringer', null]);
    await expect(request('genesys-phone', 'genesys-phone:test-audio', { output: 'microphone' } as never)).rejects.toThrow();
    expect(audio.test).toHaveBeenCalledTimes(1);
  });

  it('hands the renewed token, Retry and checked call commands to the phone', async () => {
    const { phone } = serve();
    expect(await request('genesys-phone', 'genesys-phone:token', { token: 'tok-2' })).toEqual({ ok: true });
    expect(await request('genesys-phone', 'genesys-phone:retry', {})).toEqual({ ok: true });
    expect(await request('genesys-phone', 'genesys-phone:command', { command: { action: 'answer', callId: 'c1' } })).toEqual({ ok: true });
    await expect(request('genesys-phone', 'genesys-phone:command', { command: { action: 'answer' } as never })).rejects.toThrow(/callId/);
    expect(phone.tokens).toEqual(['tok-2']);
    expect(phone.retries).toBe(1);
    expect(phone.commands).toEqual([{ action: 'answer', callId: 'c1' }]);
  });

  it('serves the provider’s own requests beside them', async () => {
    const { start } = serve();
    const config = { token: 't', region: 'mypurecloud.de', aor: 'agent@example.com' };
    expect(await request('genesys-phone', 'genesys-phone:start', { config: null })).toMatchObject({ configured: false });
    expect(await request('genesys-phone', 'genesys-phone:start', { config })).toMatchObject({ configured: true });
    expect(start.mock.calls).toEqual([[null], [config]]);
  });

  it('answers the worker only', async () => {
    const { phone } = serve();
    here('/popup.html');
    await expect(request('genesys-phone', 'genesys-phone:token', { token: 'stolen' })).rejects.toThrow(/popup may not use genesys-phone/);
    expect(phone.tokens).toEqual([]);
  });

  it('chooses the devices again when one comes or goes, and reports it; not once its owner stops it', async () => {
    const { audio } = serve();
    mediaDevices.dispatchEvent(new Event('devicechange'));
    await flush();
    expect(audio.refresh).toHaveBeenCalledTimes(1);
    expect(changes).toHaveLength(1);
    abort.abort();
    mediaDevices.dispatchEvent(new Event('devicechange'));
    await flush();
    expect(audio.refresh).toHaveBeenCalledTimes(1);
  });
});
