import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startTortureServer, tortureMessages, type TortureServer } from '../harness/torture-server';
import { World, type SoftphoneDebug } from './support/world';

// A hostile or broken server: RFC 4475 / RFC 5118 torture messages, Content-Length lies,
// oversized, binary and non-UTF-8 frames. The softphone drops what it cannot use, logs it
// briefly, stays registered on the same connection and still rings for the next real call.
describe('torture from the server', () => {
  let world: World;
  let torture: TortureServer;
  let softphone: SoftphoneDebug;
  let popup: Page;

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    torture = await startTortureServer();
    const options = await world.configureAccount('alice', 'anything-goes', { server: torture.wsUrl });
    await options.getByRole('status').filter({ hasText: `Registered as alice@${torture.domain}` }).waitFor();
    await options.close();
    softphone = await world.attachSoftphone();
    popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
  });
  afterAll(async () => {
    await softphone?.detach();
    await world?.close();
    await torture?.stop();
  });

  it('drops every torture message without crashing, losing the registration or ringing', async () => {
    const contact = torture.contact();
    expect(contact).toBeDefined();
    const registrations = torture.registrations();
    const messages = tortureMessages(contact!);
    const states: string[] = [];
    for (const [name, frame, kind] of messages) {
      if (kind === 'binary') torture.sendBinary(Buffer.isBuffer(frame) ? frame : Buffer.from(frame));
      else torture.sendText(frame.toString());
      await new Promise((r) => setTimeout(r, 60));
      const snap = await world.softphone();
      states.push(`${name}: ${snap.registration.state}, ${snap.calls.length} calls`);
    }
    await new Promise((r) => setTimeout(r, 1000));

    // Registered all along, on the same connection (no re-registration was needed).
    expect(states.filter((s) => !s.endsWith('registered, 0 calls'))).toEqual([]);
    expect(torture.connected()).toBe(true);
    expect(torture.registrations()).toBe(registrations);
    const snap = await world.softphone();
    expect(snap.registration.state).toBe('registered');
    expect(snap.calls).toEqual([]);
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 1000 });

    // Nothing was thrown uncaught, and what was logged stayed short.
    expect(softphone.errors).toEqual([]);
    expect(softphone.console.filter((l) => l.length > 2200)).toEqual([]);
    console.info(`torture: ${messages.length} messages sent, ${softphone.console.length} lines logged, 0 uncaught errors`);
  });

  it('still rings for a well-formed INVITE afterwards, and the decline reaches the server', async () => {
    const callId = torture.sendInvite('Torture Final');
    const incoming = popup.locator('.call.incoming');
    await incoming.filter({ hasText: 'Torture Final' }).waitFor({ timeout: 10_000 });
    await torture.waitFor((m) => m.status === 180 && m.headers.get('call-id')?.[0] === callId, '180 Ringing');
    await incoming.getByRole('button', { name: 'Decline' }).click();
    const final = await torture.waitFor((m) => (m.status ?? 0) >= 400 && m.headers.get('call-id')?.[0] === callId, 'a decline');
    expect([486, 603]).toContain(final.status);
    await world.waitForSoftphone((s) => s.calls.length === 0 && s.registration.state === 'registered', 'call gone, still registered');
    expect(softphone.errors).toEqual([]);
  });
});
