import { storage } from 'wxt/utils/storage';

/**
 * This install's OAuth client id at Wazo: a refresh token belongs to a user and a client id,
 * so each browser gets its own, and removing the account here ends only this browser's
 * sign-in. Not a secret.
 */
const clientIdItem = storage.defineItem<string>('local:wazoClientId', { init: () => `offhook-${crypto.randomUUID()}` });

export async function wazoClientId(): Promise<string> {
  return clientIdItem.getValue();
}
