// RFC 6455 frames written by hand, for the harness's own SIP-over-WebSocket ends (the torture
// server, the INVITE flood): a test may need any frame, well-formed or not.
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';

/** One frame with FIN set; `masked` as a client's must be (RFC 6455 §5.3), a server's not. */
export function encodeFrame(opcode: number, payload: Buffer, masked: boolean): Buffer {
  const len = payload.length;
  const bit = masked ? 0x80 : 0;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, bit | len])
      : len < 65_536
        ? Buffer.from([0x80 | opcode, bit | 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, bit | 127]), uint64(len)]);
  if (!masked) return Buffer.concat([head, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
  return Buffer.concat([head, mask, body]);
}

/**
 * Reads the other end's frames, masked or not: reassembles fragments (control frames may come
 * between them), answers a ping and a close (masked when `masked`, as this end's frames must
 * be); text and binary payloads reach `onMessage` as text.
 */
export function readFrames(socket: Duplex, onMessage: (text: string) => void, masked: boolean): void {
  let buffer = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (buffer.length < 2) return;
      const fin = (buffer[0]! & 0x80) !== 0;
      const opcode = buffer[0]! & 0x0f;
      const hasMask = (buffer[1]! & 0x80) !== 0;
      let len = buffer[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (buffer.length < 4) return;
        len = buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (buffer.length < 10) return;
        len = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = hasMask ? buffer.subarray(offset, offset + 4) : undefined;
      if (hasMask) offset += 4;
      if (buffer.length < offset + len) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + len));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
      buffer = buffer.subarray(offset + len);
      if (opcode === 0x8) {
        socket.end(encodeFrame(0x8, payload.subarray(0, 2), masked));
        return;
      }
      if (opcode === 0x9) {
        socket.write(encodeFrame(0xa, payload, masked));
        continue;
      }
      if (opcode === 0xa) continue;
      fragments.push(payload);
      if (!fin) continue;
      const whole = Buffer.concat(fragments);
      fragments = [];
      onMessage(whole.toString('utf8'));
    }
  });
}

export function uint64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}
