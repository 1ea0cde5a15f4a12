import { describe, expect, it } from 'vitest';
import { readCallCommand } from './call-command';

describe('readCallCommand', () => {
  it.each([
    { action: 'answer', callId: 'c1' },
    { action: 'answer', callId: 'c1', others: 'end' },
    { action: 'decline', callId: 'c1', status: 603 },
    { action: 'mute', callId: 'c1', muted: true },
    { action: 'dtmf', callId: 'c1', digits: '12#' },
    { action: 'transfer-answer', callId: 'c1', accept: false },
    { action: 'merge' },
    { action: 'stats', callId: 'c1' },
  ])('takes %j as it is', (command) => {
    expect(readCallCommand(command)).toEqual(command);
  });

  it.each([
    [null, /is an object/],
    [{ action: 'explode', callId: 'c1' }, /Unknown call action/],
    [{ action: 'hangup' }, /needs "callId"/],
    [{ action: 'hangup', callId: 'c1', target: 'x' }, /no field "target"/],
    [{ action: 'mute', callId: 'c1', muted: 'yes' }, /must be a boolean/],
    [{ action: 'decline', callId: 'c1', status: 500 }, /486 or 603/],
    [{ action: 'answer', callId: 'c1', others: 'drop' }, /holds or ends/],
    [{ action: 'transfer', callId: 'c1', target: 'x'.repeat(600) }, /too long/],
    [{ action: 'hangup', callId: '' }, /empty/],
    [{ action: 'constructor', callId: 'c1' }, /Unknown call action/],
  ])('refuses %j', (command, error) => {
    expect(() => readCallCommand(command)).toThrow(error);
  });
});
