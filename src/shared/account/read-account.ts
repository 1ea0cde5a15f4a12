import { ACCOUNT_KINDS, EXPIRES_MAX, EXPIRES_MIN, type Account, type AccountKind, type IceServer } from './account';
import { readStoredDialPlan } from '../dial-plan/dial-plan';

/**
 * An account exactly as stored or as sent between contexts, every field checked: the vault's
 * reads and the softphone's configure read accounts through this, never by a cast. Throws
 * saying which field is wrong.
 */
export function readAccount(value: unknown): Account {
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  const v = value as Record<string, unknown>;
  if (!(ACCOUNT_KINDS as readonly unknown[]).includes(v.kind)) throw new Error(`kind ${JSON.stringify(v.kind)} is not a phone system this Offhook knows`);
  for (const key of ['server', 'username', 'authUsername', 'domain', 'displayName', 'password', 'ha1', 'refreshToken', 'oauthClientId'] as const)
    if (typeof v[key] !== 'string') throw new Error(`${key} is not text`);
  if (!v.server || !v.username || !v.domain) throw new Error('server, username or domain is empty');
  if (!Array.isArray(v.iceServers)) throw new Error('iceServers is not a list');
  if (v.dtmfMethod !== 'rfc4733' && v.dtmfMethod !== 'info') throw new Error('dtmfMethod is neither rfc4733 nor info');
  if (v.autoAnswer !== 'off' && v.autoAnswer !== 'intercom') throw new Error('autoAnswer is neither off nor intercom');
  if (v.transferRequests !== 'decline' && v.transferRequests !== 'ask') throw new Error('transferRequests is neither decline nor ask');
  if (v.phoneMode !== undefined && v.phoneMode !== 'platform' && v.phoneMode !== 'offhook') throw new Error('phoneMode is neither platform nor offhook');
  if (typeof v.expires !== 'number' || !Number.isInteger(v.expires) || v.expires < EXPIRES_MIN || v.expires > EXPIRES_MAX)
    throw new Error(`expires is not a whole number from ${EXPIRES_MIN} to ${EXPIRES_MAX}`);
  const iceServers = v.iceServers.map((s: unknown): IceServer => {
    const server = s as Record<string, unknown>;
    if (typeof server?.urls !== 'string') throw new Error('an ICE server has no URL');
    return {
      urls: server.urls,
      ...(typeof server.username === 'string' ? { username: server.username } : {}),
      ...(typeof server.credential === 'string' ? { credential: server.credential } : {}),
    };
  });
  return {
    kind: v.kind as AccountKind,
    server: v.server as string,
    username: v.username as string,
    authUsername: v.authUsername as string,
    domain: v.domain as string,
    displayName: v.displayName as string,
    password: v.password as string,
    ha1: v.ha1 as string,
    refreshToken: v.refreshToken as string,
    oauthClientId: v.oauthClientId as string,
    iceServers,
    dtmfMethod: v.dtmfMethod as Account['dtmfMethod'],
    autoAnswer: v.autoAnswer as Account['autoAnswer'],
    transferRequests: v.transferRequests as Account['transferRequests'],
    dialPlan: readStoredDialPlan(v.dialPlan),
    expires: v.expires,
    ...(v.phoneMode === 'offhook' ? { phoneMode: 'offhook' as const } : {}),
  };
}
