import { describe, expect, it } from 'vitest';
import { reInviteOptions } from './network-recovery';

describe('reInviteOptions', () => {
  it('asks for audio only and keeps the hold state', () => {
    expect(reInviteOptions(true)).toEqual({ hold: true, constraints: { audio: true, video: false } });
    expect(reInviteOptions(false, false)).toEqual({ hold: false, constraints: { audio: true, video: false } });
  });

  it('asks for fresh ICE credentials for a restart', () => {
    expect(reInviteOptions(true, true)).toEqual({ hold: true, constraints: { audio: true, video: false }, offerOptions: { iceRestart: true } });
  });
});
