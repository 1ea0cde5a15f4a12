import { describe, expect, it } from 'vitest';
import { fromOwnPbx, intercomDelay } from './intercom';

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

describe('fromOwnPbx', () => {
  const own = ['offhook.test', 'pbx.offhook.test'];
  it.each([
    { from: '"Front desk" <sip:100@offhook.test>;tag=1', pAssertedIdentity: [] },
    { from: '<sip:100@OFFHOOK.test>;tag=1', pAssertedIdentity: ['"Desk" <sip:100@pbx.offhook.test>, <tel:+14155550100>'] },
  ])('believes %j', (headers) => {
    expect(fromOwnPbx(headers, own)).toBe(true);
  });

  it.each([
    { from: '<sip:mallory@evil.example>;tag=1', pAssertedIdentity: [] },
    { from: '<sip:bob@offhook.test>;tag=1', pAssertedIdentity: ['<sip:boss@evil.example>'] },
    { from: '<sip:bob@offhook.test>;tag=1', pAssertedIdentity: ['<tel:+1555>, "Boss" <sip:boss@offhook.test.evil.example>'] },
    { from: '<sip:offhook.test@evil.example>;tag=1', pAssertedIdentity: [] },
    { from: 'garbage', pAssertedIdentity: [] },
  ])('does not believe %j', (headers) => {
    expect(fromOwnPbx(headers, own)).toBe(false);
  });
});
