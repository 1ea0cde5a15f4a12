import { browser } from 'wxt/browser';
import { logError } from '../../shared/log';
import { pageMessage, readSelectionAnswer } from '../../shared/messaging/page-channel';
import { isSafeCallTarget } from '../../shared/phone/call-target';
import { runCommand } from '../commands';
import type { FocusedFrames } from '../focused-frames';
import type { CoordinatorContext } from './context';

/** The keyboard shortcuts (answer, hang up, call the selection); returns what runs one. */
export function startShortcuts(ctx: CoordinatorContext, frames: FocusedFrames, signal: AbortSignal): (name: string) => Promise<void> {
  const commandActions = {
    ...ctx.actions,
    snapshot: () => ctx.line.current(),
    pageTarget: () => activeTabTarget(frames),
  };
  const run = (name: string) => runCommand(name, commandActions);
  const onCommand = (name: string) => void run(name).catch((error: unknown) => logError(`coordinator: command ${name}`, error));
  browser.commands.onCommand.addListener(onCommand);
  signal.addEventListener('abort', () => browser.commands.onCommand.removeListener(onCommand));
  return run;
}

/** Asks the frame of the active tab that the person last used for its selected number, or the
 * number under the pointer; that frame alone (see focused-frames.ts). */
async function activeTabTarget(frames: FocusedFrames): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return undefined;
  const frameId = await frames.get(tab.id);
  const reply = readSelectionAnswer(await browser.tabs.sendMessage(tab.id, pageMessage('page:selection'), { frameId }).catch(() => undefined));
  return reply && isSafeCallTarget(reply.target) ? reply.target : undefined;
}
