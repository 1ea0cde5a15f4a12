import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { organizationPolicy } from './managed-policy-source';

describe('organizationPolicy', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads the policy the browser hands over', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockResolvedValue({ account: { kind: 'sip', domain: 'pbx.example.com' } } as never);
    expect((await organizationPolicy()).account).toMatchObject({ kind: 'sip', domain: 'pbx.example.com' });
  });

  it('takes Firefox’s refusal when no policy is set as no policy, quietly', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const policy = await organizationPolicy();
    expect(policy.account).toEqual({});
    expect(policy.problems).toEqual([]);
    expect(logged).not.toHaveBeenCalled();
  });

  it('logs any other failure once, and applies no policy', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('An unexpected error occurred'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect((await organizationPolicy()).account).toEqual({});
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toContain('managed policy: An unexpected error occurred');
  });
});
