import { describe, expect, it } from 'vitest';
import { t } from '../../../shared/i18n/t';
import { mediaError } from './media-error';

const domError = (name: string) => Object.assign(new Error(`${name} raw`), { name });

describe('mediaError', () => {
  it.each([
    ['NotAllowedError', t('callErrorMicrophoneDenied')],
    ['SecurityError', t('callErrorMicrophoneDenied')],
    ['NotFoundError', t('callErrorMicrophoneNotFound')],
    ['NotReadableError', t('callErrorMicrophoneInUse')],
  ])('says what to do about %s', (name, words) => {
    expect(mediaError(domError(name))).toBe(words);
  });

  it('passes any other error on as it is', () => {
    expect(mediaError(new Error('Peer connection closed.'))).toBe('Peer connection closed.');
    expect(mediaError('no SDH')).toBe('no SDH');
    expect(mediaError(null)).toBe('null');
  });
});
