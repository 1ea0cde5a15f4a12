import { describe, expect, it } from 'vitest';
import { intercomDelay } from './intercom';

describe('intercomDelay', () => {
  it.each([
    [{ callInfo: ['<sip:pbx.example.com>;answer-after=0'], alertInfo: [] }, 0],
    [{ callInfo: ['<sip:pbx>;Answer-After = 3'], alertInfo: [] }, 3],
    [{ callInfo: [], alertInfo: ['<http://127.0.0.1>;info=alert-autoanswer'] }, 0],
    [{ callInfo: [], alertInfo: ['<http://www.notused.com>;info=alert-autoanswer;delay=0'] }, 0],
    [{ callInfo: [], alertInfo: ['Auto-Answer'] }, 0],
  ])('%j is intercom after %i s', (headers, delay) => {
    expect(intercomDelay(headers)).toBe(delay);
  });

  it.each([
    { callInfo: [], alertInfo: [] },
    { callInfo: ['<http://example.com/photo.jpg>;purpose=icon'], alertInfo: ['<http://example.com/ring.wav>'] },
    { callInfo: ['<sip:pbx>;answer-after=60'], alertInfo: [] },
    { callInfo: ['<sip:pbx>;answer-afterwards=0'], alertInfo: [] },
  ])('%j rings normally', (headers) => {
    expect(intercomDelay(headers)).toBeUndefined();
  });
});
