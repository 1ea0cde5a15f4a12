import { assertNever } from '../../../shared/call/call-state';
import type { CallCommand, CommandResult } from '../../../shared/phone/call-command';
import type { SipPhone } from './sip-phone';

/** One call command carried out on the SIP phone; what it returns, if anything. */
export async function runCallCommand(phone: SipPhone, command: CallCommand): Promise<CommandResult> {
  switch (command.action) {
    case 'answer':
      await phone.answer(command.callId, command.others ?? 'hold');
      return { ok: true };
    case 'decline':
      await phone.decline(command.callId, command.status);
      return { ok: true };
    case 'hangup':
      await phone.hangup(command.callId);
      return { ok: true };
    case 'mute':
      phone.mute(command.callId, command.muted);
      return { ok: true };
    case 'hold':
      await phone.hold(command.callId, command.held);
      return { ok: true };
    case 'dtmf':
      await phone.dtmf(command.callId, command.digits);
      return { ok: true };
    case 'transfer':
      await phone.transfer(command.callId, command.target);
      return { ok: true };
    case 'consult':
      return { ok: true, callId: await phone.consult(command.callId, command.target) };
    case 'complete-transfer':
      await phone.completeTransfer(command.callId);
      return { ok: true };
    case 'cancel-transfer':
      await phone.cancelTransfer(command.callId);
      return { ok: true };
    case 'transfer-answer': {
      const placed = await phone.answerTransfer(command.callId, command.accept);
      return { ok: true, ...(placed ? { callId: placed } : {}) };
    }
    case 'merge':
      await phone.merge();
      return { ok: true };
    case 'split':
      await phone.split(command.callId);
      return { ok: true };
    case 'stats':
      return { ok: true, media: await phone.stats(command.callId) };
    default:
      return assertNever(command);
  }
}
