import { describe, expect, it } from 'vitest';
import type { Account } from '../shared/account/account';
import type { PhoneLine } from '../shared/phone/phone-line';
import { emptySnapshot, type PhoneSnapshot } from '../shared/phone/snapshot';
import { lineRouter } from './line-router';

function fakeLine(name: string) {
  const log: string[] = [];
  let listener: ((s: PhoneSnapshot) => void) | undefined;
  const line = {
    current: async () => ({ ...emptySnapshot, revision: name.length }),
    configure: async (a: Account | null) => (log.push(`configure ${a ? a.kind : 'none'}`), emptySnapshot),
    dial: async (target: string) => (log.push(`dial ${target}`), { ok: true as const, callId: name }),
    onChange: (l: (s: PhoneSnapshot) => void) => void (listener = l),
  } as unknown as PhoneLine;
  return { line, log, publish: (s: PhoneSnapshot) => listener?.(s) };
}

const account = (kind: Account['kind']) => ({ kind, username: 'a', domain: 'b' }) as Account;

describe('the line router', () => {
  it("talks to the default account's line, and stops the old line before the new one starts", async () => {
    const sipish = fakeLine('sip');
    const other = fakeLine('genesys');
    const router = lineRouter({ sip: sipish.line, wazo: sipish.line, genesys: other.line } as never, async () => account('sip'));
    await router.dial('1001');
    expect(sipish.log).toEqual(['dial 1001']);
    await router.configure(account('genesys' as never));
    expect(sipish.log).toEqual(['dial 1001', 'configure none']);
    expect(other.log).toEqual(['configure genesys']);
    await router.dial('1002');
    expect(other.log.at(-1)).toBe('dial 1002');
  });

  it('hears only the line in use', async () => {
    const sipish = fakeLine('sip');
    const other = fakeLine('genesys');
    const router = lineRouter({ sip: sipish.line, wazo: sipish.line, genesys: other.line } as never, async () => account('sip'));
    const heard: PhoneSnapshot[] = [];
    router.onChange((s) => heard.push(s));
    await router.current();
    other.publish({ ...emptySnapshot, revision: 7 });
    sipish.publish({ ...emptySnapshot, revision: 8 });
    expect(heard.map((s) => s.revision)).toEqual([8]);
  });
});
