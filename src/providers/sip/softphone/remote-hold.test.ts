import { vi } from 'vitest';
import { describe, expect, it } from 'vitest';
import { remoteHoldsUs } from './remote-hold';

vi.mock('sip.js', () => ({ Invitation: class {}, Inviter: class {}, SessionState: {} }));

const offer = (...directions: string[]) =>
  ['v=0', 's=-', 't=0 0', ...directions.flatMap((d) => ['m=audio 9 UDP/TLS/RTP/SAVPF 111', `a=${d}`])].join('\r\n');

describe('remoteHoldsUs', () => {
  it.each([
    [offer('sendonly'), true],
    [offer('inactive'), true],
    [offer('sendrecv'), false],
    [offer('recvonly'), false],
    [offer('sendonly', 'sendrecv'), false],
    ['v=0\r\ns=-', false],
    [undefined, false],
  ])('%#: %j → %s', (sdp, held) => {
    expect(remoteHoldsUs(sdp)).toBe(held);
  });
});
