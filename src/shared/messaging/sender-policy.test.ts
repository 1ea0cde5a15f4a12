import { describe, expect, it } from 'vitest';
import { facePortSenders, mayUseChannel } from './sender-policy';
import type { ChannelName } from './protocol';
import type { ContextKind } from './sender';

const kinds: (ContextKind | null)[] = ['background', 'offscreen', 'popup', 'options', 'content', null];

// Who may ask what, as a table a reviewer can read at a glance. A content script runs in a
// web page's process: it reaches its own channel (asking to call what the person clicked)
// and nothing else.
const expected: Record<ChannelName, ContextKind[]> = {
  coordinator: ['popup', 'options'],
  content: ['content'],
  softphone: ['background'],
  // The background only in Firefox, where the softphone lives in the background page.
  'softphone-events': ['offscreen', 'background'],
  // Offhook as the Webex phone, in the same document (or the same background page).
  'webex-phone': ['background'],
  'webex-phone-events': ['offscreen', 'background'],
  'genesys-phone': ['background'],
  'genesys-phone-events': ['offscreen', 'background'],
};

describe('mayUseChannel', () => {
  for (const [channel, allowed] of Object.entries(expected) as [ChannelName, ContextKind[]][]) {
    it.each(kinds)(`${channel}: %s`, (kind) => {
      expect(mayUseChannel(channel, kind)).toBe(kind !== null && allowed.includes(kind));
    });
  }

  it('a content script can reach no channel but its own', () => {
    for (const channel of Object.keys(expected) as ChannelName[])
      expect(mayUseChannel(channel, 'content')).toBe(channel === 'content');
  });

  it('no extension page may pose as a content script', () => {
    for (const kind of ['background', 'offscreen', 'popup', 'options'] as const) expect(mayUseChannel('content', kind)).toBe(false);
  });
});

describe('the faces port', () => {
  it('is open to the popup and options only', () => {
    expect([...facePortSenders].sort()).toEqual(['options', 'popup']);
  });
});
