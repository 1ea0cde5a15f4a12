/** The host of a PBX's WebSocket URL ('' when it is not a URL): with the account's domain, what
 * counts as the account's own phone system. */
export function serverHost(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return '';
  }
}
