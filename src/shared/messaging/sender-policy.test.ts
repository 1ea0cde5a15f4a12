import { describe, expect, it } from 'vitest';
import { facePortSenders, mayUseChannel } from './sender-policy';
import type { ChannelName } from './protocol';
import type { ContextKind } from './sender';

const kinds: (ContextKind | null)[] = ['background', 'offscreen', 'popup', 'options', 'content', null];

// Who may ask what, as a table a reviewer can read at a glance. A content script runs in a
// web page's process and must reach no channel at all.
const expected: Record<ChannelName, ContextKind[]> = {
  coordinator: ['popup', 'options'],
  softphone: ['background'],
  'softphone-events': ['offscreen'],
};

describe('mayUseChannel', () => {
  for (const [channel, allowed] of Object.entries(expected) as [ChannelName, ContextKind[]][]) {
    it.each(kinds)(`${channel}: %s`, (kind) => {
      expect(mayUseChannel(channel, kind)).toBe(kind !== null && allowed.includes(kind));
    });
  }

  it('a content script can reach no channel', () => {
    for (const channel of Object.keys(expected) as ChannelName[]) expect(mayUseChannel(channel, 'content')).toBe(false);
  });
});

describe('the faces port', () => {
  it('is open to the popup and options only', () => {
    expect([...facePortSenders].sort()).toEqual(['options', 'popup']);
  });
});
