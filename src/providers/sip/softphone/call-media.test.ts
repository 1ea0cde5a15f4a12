import { describe, expect, it } from 'vitest';
import { trackFlow } from './call-media';

describe('trackFlow', () => {
  it.each([
    [{ muted: false, held: false }, { send: true, receive: true }],
    [{ muted: true, held: false }, { send: false, receive: true }],
    [{ muted: false, held: true }, { send: false, receive: false }],
    [{ muted: true, held: true }, { send: false, receive: false }],
    // In a conference the sender carries the others' voices too: mute acts on the mix.
    [{ muted: true, held: false, conference: true }, { send: true, receive: true }],
    [{ muted: false, held: true, conference: true }, { send: false, receive: false }],
  ])('%j → %j', (call, flow) => {
    expect(trackFlow(call)).toEqual(flow);
  });
});
