import { describe, expect, it, vi } from 'vitest';
import type { CallInfo } from '../shared/call/call-info';
import { CallState } from '../shared/call/call-state';
import { runCommand, type CommandActions } from './commands';

const call = (id: string, state: CallState): CallInfo => ({
  id,
  direction: 'inbound',
  state,
  remote: { uri: '', number: id },
  earlyMedia: false,
  muted: false,
  held: false,
  remoteHeld: false,
  startedAt: 0,
});

function actions(calls: CallInfo[], pageTarget?: string) {
  const a = {
    snapshot: vi.fn(async () => ({ registration: { state: 'unconfigured' as const }, calls, revision: 0 })),
    answer: vi.fn(async () => undefined),
    decline: vi.fn(async () => undefined),
    hangup: vi.fn(async () => undefined),
    pageTarget: vi.fn(async () => pageTarget),
    dial: vi.fn(async () => undefined),
  } satisfies CommandActions;
  return a;
}

describe('keyboard commands', () => {
  it('answer picks up the ringing call, and does nothing without one', async () => {
    const a = actions([call('a', CallState.Established), call('b', CallState.Incoming)]);
    await runCommand('answer', a);
    expect(a.answer).toHaveBeenCalledWith('b');
    const none = actions([call('a', CallState.Established)]);
    await runCommand('answer', none);
    expect(none.answer).not.toHaveBeenCalled();
  });

  it('hang up ends the newest live call before declining a ringing one', async () => {
    const a = actions([call('old', CallState.Established), call('ring', CallState.Incoming), call('new', CallState.Dialing)]);
    await runCommand('hangup', a);
    expect(a.hangup).toHaveBeenCalledWith('new');
    expect(a.decline).not.toHaveBeenCalled();
  });

  it('hang up declines a ringing call when nothing else is live', async () => {
    const a = actions([call('ring', CallState.Incoming)]);
    await runCommand('hangup', a);
    expect(a.decline).toHaveBeenCalledWith('ring');
  });

  it('call-selection dials what the page offers, and nothing when it offers nothing', async () => {
    const a = actions([], 'tel:+14155550142');
    await runCommand('call-selection', a);
    expect(a.dial).toHaveBeenCalledWith('tel:+14155550142');
    const none = actions([]);
    await runCommand('call-selection', none);
    expect(none.dial).not.toHaveBeenCalled();
  });

  it('ignores commands it does not know', async () => {
    const a = actions([call('ring', CallState.Incoming)]);
    await runCommand('toggle-everything', a);
    expect(a.answer).not.toHaveBeenCalled();
    expect(a.hangup).not.toHaveBeenCalled();
  });
});
