/**
 * Logging for every context. Errors are logged once, with where they came from; secrets
 * never reach here because nothing that carries them is ever passed in (see the softphone's
 * redacting SIP log connector).
 */
export function logError(where: string, error: unknown): void {
  const text = error instanceof Error ? error.message : String(error);
  // After an update the old content script's runtime is gone; that is expected.
  if (/Extension context invalidated/i.test(text)) return;
  console.error(`[offhook] ${where}: ${text}`);
}

export function logInfo(where: string, text: string): void {
  console.info(`[offhook] ${where}: ${text}`);
}
