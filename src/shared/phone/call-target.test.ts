import { describe, expect, it } from 'vitest';
import { isSafeCallTarget } from './call-target';

describe('isSafeCallTarget', () => {
  it.each(['tel:+14155552671', 'tel:+14155552671;ext=12', 'tel:+492212210', 'sip:bob@pbx.example.com', 'sips:bob@pbx.example'])(
    'accepts %s',
    (target) => expect(isSafeCallTarget(target)).toBe(true),
  );

  it.each([
    'tel:0221 2210',
    'tel:+1415555*2671',
    'tel:+14155552671;phone-context=x',
    'tel:+14155552671#',
    'tel:+14155552671,,123',
    'tel:+1415\u200b5552671',
    'tel:+\u202e14155552671',
    'sip:bob@pbx.example.com;transport=udp',
    'sip:bob@pbx.example.com?Subject=x',
    'sip:*97@pbx.example.com',
    'javascript:alert(1)',
    'bob',
    '',
  ])('refuses %j', (target) => expect(isSafeCallTarget(target)).toBe(false));
});
