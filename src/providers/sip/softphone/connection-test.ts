import { Registerer, UserAgent, type Core } from 'sip.js';
import type { Account } from '../../../shared/account/account';
import type { ConnectionTest } from '../../../shared/messaging/protocol';
import { t } from '../../../shared/i18n/t';
import { userAgentOptions } from './user-agent-config';

const TEST_TIMEOUT_MS = 10_000;

/**
 * Registers once with the given settings on a separate UserAgent and reports the server's
 * actual answer, then unregisters. The running phone is not touched, so testing a changed
 * form never drops the working registration.
 */
export async function testConnection(account: Account): Promise<ConnectionTest> {
  let ua: UserAgent;
  try {
    ua = new UserAgent(userAgentOptions(account, undefined, {}));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  try {
    try {
      await withTimeout(ua.start(), t('connectionTestWebSocketTimeout'));
    } catch (error) {
      return {
        ok: false,
        message: t('connectionTestUnreachable', account.server, (error as Error).message),
      };
    }
    const registerer = new Registerer(ua, { expires: 60 });
    const answer = await withTimeout(
      new Promise<ConnectionTest>((resolve) => {
        registerer
          .register({
            requestDelegate: {
              onAccept: (r: Core.IncomingResponse) =>
                resolve({ ok: true, status: r.message.statusCode, message: t('connectionTestRegistered', `${r.message.statusCode} ${r.message.reasonPhrase}`) }),
              onReject: (r: Core.IncomingResponse) =>
                resolve({
                  ok: false,
                  status: r.message.statusCode,
                  message: t(
                    r.message.statusCode === 401 || r.message.statusCode === 407 ? 'connectionTestWrongCredentials' : 'registrationServerAnswered',
                    `${r.message.statusCode} ${r.message.reasonPhrase}`,
                  ),
                }),
            },
          })
          .catch((error: unknown) => resolve({ ok: false, message: (error as Error).message }));
      }),
      t('connectionTestRegisterTimeout'),
    ).catch((error: unknown) => ({ ok: false, message: (error as Error).message }) as ConnectionTest);
    if (answer.ok) await registerer.unregister().catch(() => undefined);
    return answer;
  } finally {
    await ua.stop().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), TEST_TIMEOUT_MS);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
