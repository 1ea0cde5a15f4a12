import { describe, expect, it } from 'vitest';
import { capRemote, capText, FIELD_LIMITS } from './field-limits';

describe('field limits', () => {
  it('leaves what fits alone', () => {
    const remote = { uri: 'sip:bob@offhook.test', number: 'bob', displayName: 'Bob Builder' };
    expect(capRemote(remote)).toEqual(remote);
  });

  it('cuts an oversized name, number and address, and says so with an ellipsis', () => {
    const capped = capRemote({ uri: `sip:${'u'.repeat(5000)}@x`, number: '1'.repeat(5000), displayName: 'B'.repeat(100_000) });
    expect(capped.displayName).toHaveLength(FIELD_LIMITS.displayName);
    expect(capped.displayName!.endsWith('…')).toBe(true);
    expect(capped.number).toHaveLength(FIELD_LIMITS.number);
    expect(capped.uri).toHaveLength(FIELD_LIMITS.uri);
  });

  it('never cuts a character in half', () => {
    const cut = capText('😀'.repeat(200), 10);
    expect([...cut]).toHaveLength(10);
    expect(cut).toBe(`${'😀'.repeat(9)}…`);
  });
});
