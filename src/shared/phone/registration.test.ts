import { describe, expect, it } from 'vitest';
import { describeRegistration, type Registration } from './registration';

const aor = 'alice@pbx.example';

describe('describeRegistration', () => {
  it.each<[Registration, string]>([
    [{ state: 'unconfigured' }, 'No account set up'],
    [{ state: 'connecting', aor }, 'Connecting as alice@pbx.example…'],
    [{ state: 'registering', aor }, 'Registering as alice@pbx.example…'],
    [{ state: 'registered', aor }, 'Registered as alice@pbx.example'],
    [{ state: 'unregistered', aor }, 'Not registered (alice@pbx.example)'],
  ])('%o', (reg, text) => {
    expect(describeRegistration(reg)).toBe(text);
  });

  it('a failure says why, in the sentence the softphone wrote', () => {
    const reg: Registration = {
      state: 'failed',
      aor,
      kind: 'auth',
      status: 401,
      phrase: 'Unauthorized',
      message: 'Wrong username or password (the server answered 401 Unauthorized).',
    };
    expect(describeRegistration(reg)).toBe('Not registered: Wrong username or password (the server answered 401 Unauthorized).');
  });

  it('covers every state with a distinct text', () => {
    const all: Registration[] = [
      { state: 'unconfigured' },
      { state: 'connecting', aor },
      { state: 'registering', aor },
      { state: 'registered', aor },
      { state: 'unregistered', aor },
      { state: 'failed', aor, kind: 'transport', message: 'Cannot reach the server.' },
    ];
    const texts = all.map(describeRegistration);
    expect(new Set(texts).size).toBe(all.length);
    for (const t of texts) expect(t).not.toBe('');
  });
});
