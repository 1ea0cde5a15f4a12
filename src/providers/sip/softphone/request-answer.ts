import type { Core } from 'sip.js';

/** The far end's final answer to an in-dialog request (re-INVITE, REFER), as a value. */
export interface RequestAnswer {
  ok: boolean;
  status?: number;
  phrase?: string;
}

/**
 * Sends a request through `send` and resolves with its final answer; rejects only when it
 * cannot be sent at all. sip.js reports the answer through a delegate, not the promise it
 * returns, which settles once the request is out.
 */
export function requestAnswer(send: (requestDelegate: Core.OutgoingRequestDelegate) => Promise<unknown>): Promise<RequestAnswer> {
  return new Promise<RequestAnswer>((resolve, reject) => {
    send({
      onAccept: () => resolve({ ok: true }),
      onReject: (r) => resolve({ ok: false, status: r.message.statusCode, phrase: r.message.reasonPhrase }),
    }).catch(reject);
  });
}

/** A refusal the way an error message shows it: "488 Not Acceptable Here". */
export function refusal(answer: RequestAnswer): string {
  return `${answer.status ?? ''} ${answer.phrase ?? ''}`.trim();
}
