import type { ChannelName } from './protocol';
import type { ContextKind } from './sender';

/** Who may send on each channel. Anything else is dropped and logged once. */
export const allowedSenders: Record<ChannelName, readonly ContextKind[]> = {
  coordinator: ['popup', 'options'],
  content: ['content'],
  softphone: ['background'],
  // Chromium: the offscreen document. Firefox: the softphone shares the background page
  // with the coordinator and its events arrive in-process (see endpoint.ts).
  'softphone-events': ['offscreen', 'background'],
  // Offhook as the Webex phone: the same document, the same senders.
  'webex-phone': ['background'],
  'webex-phone-events': ['offscreen', 'background'],
  // Offhook as the Genesys phone (Genesys's WebRTC SDK): the same again.
  'genesys-phone': ['background'],
  'genesys-phone-events': ['offscreen', 'background'],
};

export const facePortSenders: readonly ContextKind[] = ['popup', 'options'];

export function mayUseChannel(channel: ChannelName, sender: ContextKind | null): boolean {
  return sender !== null && allowedSenders[channel].includes(sender);
}
