import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CallingInstance } from './calling-sdk';

// The one call Offhook makes into Cisco's SDK that the fakes cannot vouch for: how a renewed
// access token reaches it (WebexCallingPhone.setToken). Checked against the SDK's own
// Credentials (webex-core, the core the Calling wrapper builds on): the token it then
// authorises requests with is the renewed one.
const require = createRequire(import.meta.url);
type Core = CallingInstance['webex'] & { credentials: { supertoken: { access_token: string; token_type: string } } };
const WebexCore = (require('@webex/webex-core') as { default: new (attrs: { credentials: { access_token: string }; config: Record<string, unknown> }) => Core }).default;

describe('the SDK’s credentials', () => {
  it('take a renewed access token as the phone hands it', () => {
    const webex = new WebexCore({ credentials: { access_token: 'first-token' }, config: { logger: { level: 'silent' } } });
    expect(webex.credentials.supertoken.access_token).toBe('first-token');
    webex.credentials.set({ supertoken: { access_token: 'renewed-token', token_type: 'Bearer' } });
    expect(webex.credentials.supertoken.access_token).toBe('renewed-token');
    expect(webex.credentials.supertoken.token_type).toBe('Bearer');
  });
});
