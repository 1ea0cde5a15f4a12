import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../shared/account/account';
import type { CoordinatorRequests } from '../../shared/messaging/protocol';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import type { CoordinatorClient } from '../common/coordinator-client';
import { createAccountFormModel } from './account-form-model';

type Answers = {
  [K in keyof CoordinatorRequests]?: (payload: CoordinatorRequests[K]['req']) => Promise<CoordinatorRequests[K]['res']>;
};

function fakeCoordinator(answers: Answers) {
  const asked: { type: string; payload: unknown }[] = [];
  let onSnapshot: ((s: PhoneSnapshot) => void) | undefined;
  const client: CoordinatorClient = {
    ask(type, payload) {
      asked.push({ type, payload: structuredClone(payload) });
      const answer = answers[type] as ((p: unknown) => Promise<never>) | undefined;
      if (!answer) return Promise.reject(new Error(`the test did not expect ${type}`));
      return answer(payload);
    },
    watch(callback) {
      onSnapshot = callback;
    },
  };
  return { client, asked, publish: (s: PhoneSnapshot) => onSnapshot!(s) };
}

const view: AccountView = {
  kind: 'sip',
  oauthClientId: '',
  server: 'wss://pbx.example.com:8089/ws',
  username: 'alice',
  authUsername: 'auth-alice',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com', username: 'u', hasCredential: true }],
  dtmfMethod: 'info',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialPlan: { international: 'prefix', internationalPrefix: '011', homeCountry: 'US', outsideLine: '9' },
  expires: 120,
  secret: 'password',
};

const filled = {
  kind: 'sip',
  server: 'wss://pbx.example.com:8089/ws',
  username: 'alice',
  authUsername: 'auth-alice',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  password: '',
  ha1: '',
  iceServers: 'stun:stun.example.com\nturn:turn.example.com u:••••••••',
  dtmfMethod: 'info',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialInternational: 'prefix',
  dialInternationalPrefix: '011',
  dialHomeCountry: 'US',
  dialOutsideLine: '9',
  expires: '120',
  oauthClientId: '',
  phoneMode: 'platform',
};

async function loaded(answers: Answers = {}) {
  const fake = fakeCoordinator({ 'account:get': async () => view, ...answers });
  const form = createAccountFormModel(fake.client);
  await form.load();
  return { form, fake };
}

describe('load', () => {
  it('fills the form from the saved account, ICE servers one per line', async () => {
    const { form } = await loaded();
    expect(form.fields.value).toEqual(filled);
    expect(form.saved.value).toEqual(view);
    expect(form.loadError.value).toBeNull();
  });

  // Even if a secret ever reached the page by mistake, the form must not show it or send
  // it back.
  it('never puts a password or HA1 into the form', async () => {
    const leaky = { ...view, password: 'hunter2', ha1: '0123456789abcdef0123456789abcdef' } as AccountView;
    const fake = fakeCoordinator({ 'account:get': async () => leaky });
    const form = createAccountFormModel(fake.client);
    await form.load();
    expect(form.fields.value.password).toBe('');
    expect(form.fields.value.ha1).toBe('');
    expect(JSON.stringify(form.fields.value)).not.toContain('hunter2');
  });

  it('says a secret is saved and that leaving the field empty keeps it', async () => {
    const { form } = await loaded();
    expect(form.secretHint.value).toBe('A password is saved. Leave empty to keep it.');
    const ha1 = fakeCoordinator({ 'account:get': async () => ({ ...view, secret: 'ha1' }) });
    const other = createAccountFormModel(ha1.client);
    await other.load();
    expect(other.secretHint.value).toBe('An HA1 is saved. Leave empty to keep it.');
  });

  it('leaves the form empty when no account is saved', async () => {
    const fake = fakeCoordinator({ 'account:get': async () => null });
    const form = createAccountFormModel(fake.client);
    await form.load();
    const { kind, dtmfMethod, autoAnswer, transferRequests, expires, dialInternational, dialInternationalPrefix, phoneMode, ...text } = form.fields.value;
    expect(autoAnswer).toBe('off');
    // A platform account drives the user's own platform phone unless they choose otherwise.
    expect(phoneMode).toBe('platform');
    expect(transferRequests).toBe('decline');
    expect(kind).toBe('sip');
    expect(Object.values(text).every((v) => v === '')).toBe(true);
    // A choice, not a text field: it starts at the method every PBX supports.
    expect(dtmfMethod).toBe('rfc4733');
    // The advanced field starts at the default, so saving never asks the user to think of it.
    expect(expires).toBe('300');
    // The default dial plan dials E.164 as it is; 00 is offered if the person picks a prefix.
    expect([dialInternational, dialInternationalPrefix]).toEqual(['plus', '00']);
    expect(form.saved.value).toBeNull();
    expect(form.secretHint.value).toBe('');
  });

  it('explains an unreadable saved account and what saving will do', async () => {
    const fake = fakeCoordinator({
      'account:get': () => Promise.reject(new Error('Stored account is unreadable: version 2 is newer than this Offhook')),
    });
    const form = createAccountFormModel(fake.client);
    await form.load();
    expect(form.loadError.value).toBe(
      'Your saved account could not be read: Stored account is unreadable: version 2 is newer than this Offhook. Saving the form will replace it.',
    );
    expect(form.saved.value).toBeNull();
  });
});

describe('editing', () => {
  it('clears a field’s error once the user edits it, and only that one', async () => {
    const { form } = await loaded({
      'account:save': async () => ({ ok: false, errors: { server: 'Use wss://.', domain: 'Enter the SIP domain.' } }),
    });
    await form.save();
    form.set('server', 'wss://other.example/ws');
    expect(form.fields.value.server).toBe('wss://other.example/ws');
    expect(form.errors.value).toEqual({ domain: 'Enter the SIP domain.' });
  });
});

describe('save', () => {
  it('sends the form as typed, with an empty password meaning "keep it"', async () => {
    const { form, fake } = await loaded({ 'account:save': async () => ({ ok: true, account: view }) });
    form.set('displayName', 'Alice B.');
    await form.save();
    expect(fake.asked.filter((a) => a.type === 'account:save').at(-1)).toEqual({
      type: 'account:save',
      payload: { input: { ...filled, displayName: 'Alice B.' }, replaces: 'alice@pbx.example.com' },
    });
  });

  it('on refusal shows each error by its field and keeps the saved account and what was typed', async () => {
    const { form } = await loaded({
      'account:save': async () => ({
        ok: false,
        errors: { server: 'Unencrypted ws:// is only allowed for localhost and 127.0.0.1. Use wss://.' },
      }),
    });
    form.set('server', 'ws://pbx.example.com/ws');
    form.set('password', 'new-secret');
    expect(await form.save()).toBe(false);
    expect(form.errors.value).toEqual({ server: 'Unencrypted ws:// is only allowed for localhost and 127.0.0.1. Use wss://.' });
    expect(form.message.value).toEqual({
      kind: 'error',
      text: 'Not saved: correct the fields marked below. Your saved settings are unchanged.',
    });
    expect(form.saved.value).toEqual(view);
    expect(form.fields.value).toMatchObject({ server: 'ws://pbx.example.com/ws', password: 'new-secret' });
    expect(form.busy.value).toBeNull();
  });

  it('on success shows the saved account, clears the typed password and says so', async () => {
    const newView: AccountView = { ...view, server: 'wss://new.example/ws', secret: 'password' };
    const { form } = await loaded({ 'account:save': async () => ({ ok: true, account: newView }) });
    form.set('server', 'wss://new.example/ws');
    form.set('password', 'new-secret');
    expect(await form.save()).toBe(true);
    expect(form.saved.value).toEqual(newView);
    expect(form.fields.value).toEqual({ ...filled, server: 'wss://new.example/ws' });
    expect(form.errors.value).toEqual({});
    expect(form.message.value).toEqual({ kind: 'ok', text: 'Saved. Offhook is registering with the new settings.' });
  });

  it('clears old field errors on success', async () => {
    let attempt = 0;
    const { form } = await loaded({
      'account:save': async () =>
        ++attempt === 1 ? { ok: false, errors: { domain: 'Enter the SIP domain.' } } : { ok: true, account: view },
    });
    await form.save();
    await form.save();
    expect(form.errors.value).toEqual({});
  });

  it('says why when the coordinator could not be asked', async () => {
    const { form } = await loaded({ 'account:save': () => Promise.reject(new Error('Nobody is listening on coordinator')) });
    expect(await form.save()).toBe(false);
    expect(form.message.value).toEqual({ kind: 'error', text: 'Not saved: Nobody is listening on coordinator' });
    expect(form.saved.value).toEqual(view);
    expect(form.busy.value).toBeNull();
  });

  it('is busy while saving', async () => {
    let finish!: () => void;
    const { form } = await loaded({
      'account:save': () => new Promise((resolve) => (finish = () => resolve({ ok: true, account: view }))),
    });
    const saving = form.save();
    expect(form.busy.value).toBe('saving');
    finish();
    await saving;
    expect(form.busy.value).toBeNull();
  });
});

describe('test', () => {
  it('shows the server’s answer when it refused', async () => {
    const { form } = await loaded({
      'account:test': async () => ({ ok: false, message: 'Rejected: 403 Forbidden', status: 403 }),
    });
    const testing = form.test();
    expect(form.busy.value).toBe('testing');
    expect(form.message.value).toEqual({ kind: 'info', text: 'Testing the connection…' });
    await testing;
    expect(form.message.value).toEqual({ kind: 'error', text: 'Rejected: 403 Forbidden' });
    expect(form.busy.value).toBeNull();
  });

  it('shows the server’s answer when it registered', async () => {
    const { form, fake } = await loaded({ 'account:test': async () => ({ ok: true, message: 'Registered: 200 OK', status: 200 }) });
    await form.test();
    expect(form.message.value).toEqual({ kind: 'ok', text: 'Registered: 200 OK' });
    expect(fake.asked.at(-1)).toEqual({ type: 'account:test', payload: { input: filled } });
  });

  it('marks the fields that must be fixed before a test', async () => {
    const { form } = await loaded({ 'account:test': async () => ({ ok: false, errors: { password: 'Enter the password for this SIP account.' } }) });
    await form.test();
    expect(form.errors.value).toEqual({ password: 'Enter the password for this SIP account.' });
    expect(form.message.value).toEqual({ kind: 'error', text: 'Correct the fields marked below before testing.' });
  });

  it('says why when the test itself failed', async () => {
    const { form } = await loaded({ 'account:test': () => Promise.reject(new Error('Nobody is listening on softphone')) });
    await form.test();
    expect(form.message.value).toEqual({ kind: 'error', text: 'Test failed: Nobody is listening on softphone' });
    expect(form.saved.value).toEqual(view);
  });
});

describe('registration', () => {
  it('shows the phone’s registration as it changes', async () => {
    const { form, fake } = await loaded();
    expect(form.registration.value).toBe('');
    form.watch(new AbortController().signal);
    fake.publish({ registration: { state: 'registered', aor: 'alice@pbx.example.com' }, calls: [], revision: 3 });
    expect(form.registration.value).toBe('Registered as alice@pbx.example.com');
  });
});

describe('remove', () => {
  it('empties the form and says the phone unregistered', async () => {
    const { form, fake } = await loaded({ 'account:remove': async () => ({ ok: true }) });
    await form.remove();
    expect(fake.asked.filter((a) => a.type === 'account:remove').at(-1)).toEqual({ type: 'account:remove', payload: { aor: 'alice@pbx.example.com' } });
    expect(form.saved.value).toBeNull();
    expect(form.fields.value.server).toBe('');
    expect(form.message.value).toEqual({ kind: 'ok', text: 'Account removed. Offhook has unregistered from the server.' });
  });

  it('keeps the account on screen when removing failed', async () => {
    const { form } = await loaded({ 'account:remove': async () => ({ ok: false, error: 'The vault is locked' }) });
    await form.remove();
    expect(form.saved.value).toEqual(view);
    expect(form.fields.value).toEqual(filled);
    expect(form.message.value).toEqual({ kind: 'error', text: 'Not removed: The vault is locked' });
  });
});

describe('fields the organization set by policy', () => {
  it('show the policy’s value over the saved one, cannot be edited, and the ignored keys are listed', async () => {
    const fake = fakeCoordinator({
      'settings:policy': async () => ({ locked: { server: 'wss://pbx.corp.example/ws', dialHomeCountry: 'DE' }, problems: [{ key: 'account.kind', message: 'not a phone system' }] }),
      'account:get': async () => view,
      'account:list': async () => ({ accounts: [view], defaultAor: 'alice@pbx.example.com' }),
    });
    const form = createAccountFormModel(fake.client);
    await form.load();
    expect(form.fields.value.server).toBe('wss://pbx.corp.example/ws');
    expect(form.fields.value.dialHomeCountry).toBe('DE');
    expect(form.isLocked('server')).toBe(true);
    expect(form.isLocked('username')).toBe(false);
    form.set('server', 'wss://elsewhere.example/ws');
    form.set('username', 'bob');
    expect(form.fields.value.server).toBe('wss://pbx.corp.example/ws');
    expect(form.fields.value.username).toBe('bob');
    form.addAccount();
    expect(form.fields.value.server).toBe('wss://pbx.corp.example/ws');
    expect(form.policyProblems.value).toEqual([{ key: 'account.kind', message: 'not a phone system' }]);
  });
});
