import { describe, expect, it } from 'vitest';
import { isPhoneTarget } from './dial-target-kind';

describe('isPhoneTarget', () => {
  it.each(['sip:+14155550142@offhook.test', 'sip:1001@pbx', 'tel:+4930123', '+14155550142', '1001'])('%s is a number', (t) => {
    expect(isPhoneTarget(t)).toBe(true);
  });
  it.each(['sip:bob@offhook.test', 'sip:mallory@evil.example', 'sip:1001x@pbx', 'bob', 'sip:evil.example'])('%s is not', (t) => {
    expect(isPhoneTarget(t)).toBe(false);
  });
});
