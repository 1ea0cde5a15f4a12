import type { Core } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { refusal, requestAnswer } from './request-answer';

const response = (statusCode: number, reasonPhrase: string) => ({ message: { statusCode, reasonPhrase } }) as Core.IncomingResponse;

describe('requestAnswer', () => {
  it('resolves with an acceptance', async () => {
    expect(await requestAnswer(async (d) => d.onAccept?.(response(200, 'OK')))).toEqual({ ok: true });
  });

  it('resolves with a refusal, its status and phrase', async () => {
    const answer = await requestAnswer(async (d) => d.onReject?.(response(405, 'Method Not Allowed')));
    expect(answer).toEqual({ ok: false, status: 405, phrase: 'Method Not Allowed' });
    expect(refusal(answer)).toBe('405 Method Not Allowed');
  });

  it('rejects when the request cannot be sent', async () => {
    await expect(requestAnswer(() => Promise.reject(new Error('no transport')))).rejects.toThrow('no transport');
  });
});

describe('refusal', () => {
  it('shows what is known, without stray spaces', () => {
    expect(refusal({ ok: false, status: 488 })).toBe('488');
    expect(refusal({ ok: false })).toBe('');
  });
});
