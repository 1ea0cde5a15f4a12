import type { Account, IceServer } from '../shared/account/account';
import { defaultDialPlan, readStoredDialPlan } from '../shared/dial-plan/dial-plan';
import { defineVaultItem, type VaultItem } from './vault';

/**
 * The one stored account (several accounts are a later issue).
 * Version 2 added the DTMF method; accounts saved before keep RTP telephone-events.
 * Version 3 added the dial plan; accounts saved before dial E.164 as they always did.
 */
export function accountItem(idb?: IDBFactory): VaultItem<Account> {
  return defineVaultItem<Account>(
    {
      key: 'account',
      version: 3,
      migrations: {
        1: (old) => ({ ...(old as object), dtmfMethod: 'rfc4733' }),
        2: (old) => ({ ...(old as object), dialPlan: { ...defaultDialPlan } }),
      },
      validate: validateStoredAccount,
    },
    idb,
  );
}

export function validateStoredAccount(value: unknown): Account {
  if (typeof value !== 'object' || value === null) throw new Error('not an object');
  const v = value as Record<string, unknown>;
  for (const key of ['server', 'username', 'authUsername', 'domain', 'displayName', 'password', 'ha1'] as const)
    if (typeof v[key] !== 'string') throw new Error(`${key} is not text`);
  if (!v.server || !v.username || !v.domain) throw new Error('server, username or domain is empty');
  if (!Array.isArray(v.iceServers)) throw new Error('iceServers is not a list');
  if (v.dtmfMethod !== 'rfc4733' && v.dtmfMethod !== 'info') throw new Error('dtmfMethod is neither rfc4733 nor info');
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
    server: v.server as string,
    username: v.username as string,
    authUsername: v.authUsername as string,
    domain: v.domain as string,
    displayName: v.displayName as string,
    password: v.password as string,
    ha1: v.ha1 as string,
    iceServers,
    dtmfMethod: v.dtmfMethod as Account['dtmfMethod'],
    dialPlan: readStoredDialPlan(v.dialPlan),
  };
}
