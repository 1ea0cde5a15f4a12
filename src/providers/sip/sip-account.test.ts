import { describe, expect, it } from 'vitest';
import { toView, type Account } from '../../shared/account/account';
import {
  formatIceServers,
  KEPT_CREDENTIAL,
  parseIceServers,
  type AccountField,
  type AccountInput,
  type Validation,
} from '../../shared/account/validate-account';
import { checkServer, validateSipAccount as validateAccount } from './sip-account';

const good: AccountInput = {
  server: 'wss://pbx.example.com:8089/ws',
  username: 'alice',
  domain: 'pbx.example.com',
  password: 'secret',
};

const stored: Account = {
  kind: 'sip',
  server: 'wss://pbx.example.com:8089/ws',
  username: 'alice',
  authUsername: '',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  password: 'stored-secret',
  ha1: '',
  refreshToken: '',
  oauthClientId: '',
  iceServers: [],
  dtmfMethod: 'rfc4733',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialPlan: { international: 'plus', internationalPrefix: '00', homeCountry: '', outsideLine: '' },
  expires: 300,
};

// A user reads these next to the field; each must be a whole sentence.
const SENTENCE = /^["A-Z][^]*\.$/;

function accepted(v: Validation): Account {
  if (!v.ok) throw new Error(`expected the account to be accepted, got ${JSON.stringify(v.errors)}`);
  return v.account;
}

/** Asserts the input is refused with exactly one error, on `field`, and returns it. */
function refusedOn(v: Validation, field: AccountField): string {
  if (v.ok) throw new Error('expected the account to be refused');
  expect(Object.keys(v.errors)).toEqual([field]);
  const message = v.errors[field]!;
  expect(message).toMatch(SENTENCE);
  return message;
}

describe('the server address', () => {
  it('asks for wss:// when the scheme is missing, suggesting the full address', () => {
    const result = validateAccount({ ...good, server: 'pbx.example.com:8089' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.server).toBe('Start the address with wss://, e.g. wss://pbx.example.com:8089.');
  });

  it.each(['wss://pbx.example.com:8089/ws', 'wss://pbx.example.com/ws', 'wss://10.0.0.5:8089/ws'])('accepts %s', (server) => {
    expect(accepted(validateAccount({ ...good, server })).server).toBe(server);
  });

  it.each(['ws://localhost:8088/ws', 'ws://127.0.0.1:5066/ws', 'ws://[::1]:8088/ws', 'ws://LOCALHOST/ws'])(
    'accepts unencrypted %s because it never leaves the machine',
    (server) => {
      expect(validateAccount({ ...good, server }).ok).toBe(true);
    },
  );

  it.each(['ws://pbx.example.com:8088/ws', 'ws://10.0.0.5/ws', 'ws://localhost.attacker.example/ws', 'ws://127.0.0.2/ws'])(
    'refuses unencrypted %s: the password would cross the network in clear',
    (server) => {
      expect(refusedOn(validateAccount({ ...good, server }), 'server')).toMatch(/wss:\/\//);
    },
  );

  it.each(['http://pbx.example.com/ws', 'https://pbx.example.com/ws', 'sip:pbx.example.com'])('refuses %s and names the scheme', (server) => {
    const message = refusedOn(validateAccount({ ...good, server }), 'server');
    expect(message).toContain('wss://');
    expect(message).toContain(new URL(server).protocol);
  });

  it.each(['pbx.example.com/ws', 'not a url', '//pbx.example.com/ws'])('refuses %s as not a URL, with an example', (server) => {
    expect(refusedOn(validateAccount({ ...good, server }), 'server')).toMatch(/not a URL.*wss:\/\//);
  });

  it('refuses a host:port without a scheme rather than dialling something odd', () => {
    expect(refusedOn(validateAccount({ ...good, server: 'pbx.example.com:8089' }), 'server')).toContain('wss://');
  });

  it('refuses an empty address and says what to enter', () => {
    expect(refusedOn(validateAccount({ ...good, server: '   ' }), 'server')).toMatch(/Enter .*wss:\/\//);
  });

  it.each(['wss://alice:secret@pbx.example.com/ws', 'wss://alice@pbx.example.com/ws'])(
    'refuses credentials inside the address (%s), where they would be shown and logged',
    (server) => {
      expect(refusedOn(validateAccount({ ...good, server }), 'server')).toMatch(/credentials/);
    },
  );

  it('trims the address as typed', () => {
    expect(accepted(validateAccount({ ...good, server: '  wss://pbx.example.com/ws \n' })).server).toBe('wss://pbx.example.com/ws');
  });

  it('checkServer says nothing about a good address', () => {
    expect(checkServer('wss://pbx.example.com/ws')).toBeUndefined();
  });

  it('in a build that cannot speak ws:// (Firefox store build), says so even for localhost', () => {
    expect(checkServer('ws://127.0.0.1:5066', false)).toMatch(/only over an encrypted wss:\/\//);
    expect(checkServer('wss://127.0.0.1:5066', false)).toBeUndefined();
    expect(checkServer('ws://127.0.0.1:5066', true)).toBeUndefined();
  });
});

describe('username, domain and display name', () => {
  it.each(['alice', '1001', '+4930123456', 'alice.smith', 'a_b-c'])('accepts the username %s', (username) => {
    expect(accepted(validateAccount({ ...good, username })).username).toBe(username);
  });

  it('requires a username', () => {
    expect(refusedOn(validateAccount({ ...good, username: ' ' }), 'username')).toMatch(/Enter the SIP username/);
  });

  it.each(['alice@pbx.example.com', 'alice smith', 'sip:alice', 'al<ice>'])('refuses the username %s', (username) => {
    refusedOn(validateAccount({ ...good, username }), 'username');
  });

  it('refuses a malformed authentication username on its own field', () => {
    refusedOn(validateAccount({ ...good, authUsername: 'alice@pbx' }), 'authUsername');
  });

  it('keeps a separate authentication username', () => {
    expect(accepted(validateAccount({ ...good, authUsername: ' auth-1001 ' })).authUsername).toBe('auth-1001');
  });

  it('defaults optional fields to empty', () => {
    const account = accepted(validateAccount(good));
    expect(account).toMatchObject({ authUsername: '', displayName: '', ha1: '', iceServers: [] });
  });

  it.each(['pbx.example.com', 'localhost', '192.168.1.10', 'a-b.example'])('accepts the domain %s', (domain) => {
    expect(accepted(validateAccount({ ...good, domain })).domain).toBe(domain);
  });

  it('lowercases the domain, since SIP hosts compare case-insensitively', () => {
    expect(accepted(validateAccount({ ...good, domain: 'PBX.Example.COM' })).domain).toBe('pbx.example.com');
  });

  it('requires a domain', () => {
    expect(refusedOn(validateAccount({ ...good, domain: '' }), 'domain')).toMatch(/Enter the SIP domain/);
  });

  it.each(['sip:pbx.example.com', 'pbx.example.com:5060', 'pbx example', 'wss://pbx.example.com', '-pbx.example'])(
    'refuses the domain %s',
    (domain) => {
      refusedOn(validateAccount({ ...good, domain }), 'domain');
    },
  );

  it('keeps a display name with accents and spaces', () => {
    expect(accepted(validateAccount({ ...good, displayName: '  Zoë Müller-Łukasz ' })).displayName).toBe('Zoë Müller-Łukasz');
  });

  it.each(['"Boss"', 'A <sip:x@y>', 'back\\slash', 'two\nlines', 'tab\there'])(
    'refuses the display name %j, which would break the From header',
    (displayName) => {
      refusedOn(validateAccount({ ...good, displayName }), 'displayName');
    },
  );

  it('refuses an over-long display name', () => {
    expect(refusedOn(validateAccount({ ...good, displayName: 'x'.repeat(101) }), 'displayName')).toMatch(/100/);
    expect(validateAccount({ ...good, displayName: 'x'.repeat(100) }).ok).toBe(true);
  });
});

describe('password and HA1', () => {
  const ha1 = '0123456789abcdef0123456789abcdef';

  it('requires a password for a new account', () => {
    expect(refusedOn(validateAccount({ ...good, password: '' }), 'password')).toMatch(/Enter the password/);
    expect(refusedOn(validateAccount({ ...good, password: undefined }, null), 'password')).toMatch(/Enter the password/);
  });

  it('requires a password when the stored account has no secret either', () => {
    refusedOn(validateAccount({ ...good, password: '' }, { ...stored, password: '', ha1: '' }), 'password');
  });

  it('keeps the stored password when the field is left empty, so re-saving loses nothing', () => {
    const account = accepted(validateAccount({ ...good, password: '', displayName: 'Alice B.' }, stored));
    expect(account.password).toBe('stored-secret');
    expect(account.ha1).toBe('');
    expect(account.displayName).toBe('Alice B.');
  });

  it('keeps a stored HA1 when both secret fields are left empty', () => {
    const account = accepted(validateAccount({ ...good, password: '' }, { ...stored, password: '', ha1 }));
    expect(account).toMatchObject({ password: '', ha1 });
  });

  it('a new password replaces the stored one', () => {
    expect(accepted(validateAccount({ ...good, password: 'new' }, stored)).password).toBe('new');
  });

  it('a new password replaces a stored HA1 entirely, leaving exactly one secret', () => {
    expect(accepted(validateAccount({ ...good, password: 'new' }, { ...stored, password: '', ha1 }))).toMatchObject({
      password: 'new',
      ha1: '',
    });
  });

  it('a new HA1 replaces a stored password entirely, leaving exactly one secret', () => {
    expect(accepted(validateAccount({ ...good, password: '', ha1 }, stored))).toMatchObject({ password: '', ha1 });
  });

  it('keeps the password exactly as typed, spaces included', () => {
    expect(accepted(validateAccount({ ...good, password: ' pass word ' })).password).toBe(' pass word ');
  });

  it('accepts an HA1 in capitals and stores it normalised', () => {
    expect(accepted(validateAccount({ ...good, password: '', ha1: ha1.toUpperCase() })).ha1).toBe(ha1);
  });

  it.each(['abc', '0123456789abcdef0123456789abcdeg', ha1 + '0'])('refuses the HA1 %s', (bad) => {
    expect(refusedOn(validateAccount({ ...good, password: '', ha1: bad }), 'ha1')).toMatch(/32 hexadecimal/);
  });

  it('refuses a password and an HA1 together', () => {
    expect(refusedOn(validateAccount({ ...good, password: 'x', ha1 }), 'password')).toMatch(/either a password or an HA1/);
  });
});

describe('a stored secret goes only where it was saved for', () => {
  it.each([
    ['another server', { server: 'wss://evil.example/ws' }],
    ['another authentication user', { authUsername: 'admin' }],
    ['another user', { username: 'bob' }],
  ])('%s: the password must be typed again', (_, change) => {
    const v = validateAccount({ ...good, password: '', ...change }, stored);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.password).toMatch(/^The server or the user changed: enter the password again/);
  });

  it('a typed password goes with the moved account', () => {
    expect(accepted(validateAccount({ ...good, server: 'wss://new.example/ws', password: 'typed' }, stored)).password).toBe('typed');
  });

  it('the faces never see a TURN credential, only that one is stored; left as shown, it is kept', () => {
    const withTurn = { ...stored, iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'turn-secret' }] };
    const view = toView(withTurn);
    expect(JSON.stringify(view)).not.toContain('turn-secret');
    const text = formatIceServers(view.iceServers);
    expect(text).toBe(`turn:turn.example.com u:${KEPT_CREDENTIAL}`);
    expect(accepted(validateAccount({ ...good, password: '', iceServers: text }, withTurn)).iceServers).toEqual(withTurn.iceServers);
  });

  it('a kept TURN credential is not carried to another server, user or TURN host', () => {
    const withTurn = { ...stored, iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'turn-secret' }] };
    const v = validateAccount({ ...good, iceServers: `turn:evil.example u:${KEPT_CREDENTIAL}` }, withTurn);
    expect(v.ok).toBe(false);
    const moved = validateAccount({ ...good, server: 'wss://evil.example/ws', iceServers: `turn:turn.example.com u:${KEPT_CREDENTIAL}` }, withTurn);
    expect(moved.ok).toBe(false);
  });
});

describe('ICE servers', () => {
  it('allows none at all (host candidates only)', () => {
    expect(accepted(validateAccount({ ...good, iceServers: '' })).iceServers).toEqual([]);
    expect(parseIceServers('  \n\n ')).toEqual({ servers: [] });
  });

  it('reads one server per line, with TURN credentials', () => {
    const text = 'stun:stun.example.com:3478\n  turn:turn.example.com:3478?transport=udp alice:s3cr:et  \nturns:turn.example.com:5349';
    expect(accepted(validateAccount({ ...good, iceServers: text })).iceServers).toEqual([
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'turn:turn.example.com:3478?transport=udp', username: 'alice', credential: 's3cr:et' },
      { urls: 'turns:turn.example.com:5349' },
    ]);
  });

  it('keeps a TURN credential that contains a space whole, rather than saving part of it', () => {
    expect(parseIceServers('turn:turn.example.com alice:correct horse')).toEqual({
      servers: [{ urls: 'turn:turn.example.com', username: 'alice', credential: 'correct horse' }],
    });
  });

  it.each(['stun.example.com', 'http://stun.example.com', 'stun:', 'turn'])('refuses %s on the ICE field', (line) => {
    expect(refusedOn(validateAccount({ ...good, iceServers: `stun:ok.example\n${line}` }), 'iceServers')).toContain(
      `"${line}"`,
    );
  });

  it.each(['turn:turn.example.com alice', 'turn:turn.example.com :secret'])('refuses credentials without a user (%s)', (line) => {
    expect(refusedOn(validateAccount({ ...good, iceServers: line }), 'iceServers')).toMatch(/user:password/);
  });

  it('formats servers back into the text the user typed', () => {
    const servers = [
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'turn:turn.example.com:3478', username: 'alice', credential: 'pa:ss word' },
    ];
    const text = formatIceServers(servers);
    expect(text).toBe('stun:stun.example.com:3478\nturn:turn.example.com:3478 alice:pa:ss word');
    expect(parseIceServers(text)).toEqual({ servers });
  });

  it('formats an empty list as an empty field', () => {
    expect(formatIceServers([])).toBe('');
  });
});

describe('several mistakes at once', () => {
  it('reports each on its own field, so the user fixes them in one go', () => {
    const v = validateAccount({ server: 'http://x', username: '', domain: 'sip:x', password: '', iceServers: 'nope' });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(['domain', 'iceServers', 'password', 'server', 'username']);
    for (const message of Object.values(v.errors)) expect(message).toMatch(SENTENCE);
  });
});

describe('the dial plan fields', () => {
  it('default to dialling E.164 as it is', () => {
    expect(accepted(validateAccount(good)).dialPlan).toEqual({ international: 'plus', internationalPrefix: '00', homeCountry: '', outsideLine: '' });
  });
  it('are checked, each error next to its field', () => {
    const v = validateAccount({ ...good, dialInternational: 'prefix', dialInternationalPrefix: 'x', dialHomeCountry: 'Germany', dialOutsideLine: '9*' });
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(['dialHomeCountry', 'dialInternationalPrefix', 'dialOutsideLine']);
    for (const text of Object.values(v.errors)) expect(text).toMatch(SENTENCE);
  });
  it('are kept normalised', () => {
    const v = validateAccount({ ...good, dialInternational: 'prefix', dialInternationalPrefix: '011', dialHomeCountry: 'us', dialOutsideLine: '9' });
    expect(accepted(v).dialPlan).toEqual({ international: 'prefix', internationalPrefix: '011', homeCountry: 'US', outsideLine: '9' });
  });
});

describe('registration interval', () => {
  it('defaults to 300 s when left empty', () => {
    expect(accepted(validateAccount({ ...good })).expires).toBe(300);
    expect(accepted(validateAccount({ ...good, expires: '  ' })).expires).toBe(300);
  });

  it.each([['60', 60], ['3600', 3600], [' 600 ', 600]])('accepts %j', (typed, seconds) => {
    expect(accepted(validateAccount({ ...good, expires: typed })).expires).toBe(seconds);
  });

  it.each(['59', '3601', '0', '-300', '300.5', '1e3', 'five minutes', '0x12c'])('refuses %j with the range', (typed) => {
    expect(refusedOn(validateAccount({ ...good, expires: typed }), 'expires')).toMatch(/60 to 3600/);
  });
});
