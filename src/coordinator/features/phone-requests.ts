import { storage } from 'wxt/utils/storage';
import { t } from '../../shared/i18n/t';
import type { RequestHandlers } from '../../shared/messaging/endpoint';
import { readCallCommand } from '../../shared/phone/call-command';
import { DIRECTORY_MAX_TERM, DIRECTORY_MIN_TERM } from '../../shared/phone/directory';
import { outcome, type CoordinatorContext } from './context';

/** The user's Do Not Disturb, which a phone that (re)starts is told. */
export const doNotDisturb = storage.defineItem<boolean>('local:doNotDisturb', { fallback: false });

type PhoneRequestTypes = 'phone:get' | 'phone:retry' | 'phone:dnd' | 'history:clear' | 'call:dial' | 'call:command' | 'directory:search' | 'audio:test';

/** The faces' requests about the phone and its calls, all answered by the line. */
export function phoneRequests(ctx: CoordinatorContext): Pick<RequestHandlers<'coordinator'>, PhoneRequestTypes> {
  const { line, actions } = ctx;
  return {
    'phone:get': { shape: {}, run: () => line.current() },
    'phone:retry': { shape: {}, run: () => outcome(() => line.retry()) },
    'phone:dnd': {
      shape: { on: 'boolean' },
      run: async ({ on }) => {
        await doNotDisturb.setValue(on);
        return outcome(() => line.setDoNotDisturb(on));
      },
    },
    'history:clear': {
      shape: {},
      run: async () => {
        await ctx.history.clear();
        await ctx.missed.seen();
        return { ok: true as const };
      },
    },
    'call:dial': { shape: { target: 'string' }, run: ({ target }) => outcome(() => actions.dial(target)) },
    'call:command': {
      shape: { command: 'object' },
      run: ({ command }) => outcome(() => actions.command(readCallCommand(command))),
    },
    'directory:search': {
      shape: { term: 'string' },
      run: ({ term }) => {
        const trimmed = term.trim();
        if (trimmed.length < DIRECTORY_MIN_TERM || trimmed.length > DIRECTORY_MAX_TERM) return { ok: false as const, error: t('directoryTermLength', DIRECTORY_MIN_TERM, DIRECTORY_MAX_TERM) };
        return outcome(() => line.searchDirectory(trimmed));
      },
    },
    'audio:test': {
      shape: { output: 'string' },
      run: ({ output }) =>
        output === 'speaker' || output === 'ringer'
          ? outcome(() => line.testAudio(output))
          : { ok: false as const, error: t('audioErrorTestOutput') },
    },
  };
}
