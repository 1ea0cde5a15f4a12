import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// Offhook in the browser's language: Chromium started in German and in French shows the
// options page, the popup, a real incoming call, the notification, the badge, the hover card
// and the manifest's texts in that language, with no message key left where text belongs.

interface Expected {
  lang: string;
  optionsTitle: string;
  allowMic: string;
  micAllowed: string;
  server: string;
  username: string;
  password: string;
  domain: string;
  displayName: string;
  save: string;
  test: string;
  wrongCredentials: RegExp;
  registered: string;
  call: string;
  incoming: string;
  answer: string;
  decline: string;
  hangUp: string;
  youHungUp: string;
  badgeRinging: string;
  description: RegExp;
  answerCommand: string;
  cardCall: string;
}

const LANGUAGES: Expected[] = [
  {
    lang: 'de',
    optionsTitle: 'Offhook-Einstellungen',
    allowMic: 'Mikrofon erlauben',
    micAllowed: 'Das Mikrofon ist erlaubt.',
    server: 'Server (WebSocket-URL)',
    username: 'Benutzername',
    password: 'Passwort',
    domain: 'Domain',
    displayName: 'Anzeigename',
    save: 'Speichern',
    test: 'Verbindung testen',
    wrongCredentials: /Der Server antwortete 401 .*: Benutzername oder Passwort falsch\./,
    registered: 'Angemeldet als',
    call: 'Anrufen',
    incoming: 'Eingehender Anruf',
    answer: 'Annehmen',
    decline: 'Ablehnen',
    hangUp: 'Auflegen',
    youHungUp: 'Sie haben aufgelegt',
    badgeRinging: 'Offhook: eingehender Anruf.',
    description: /^Jede Telefonnummer/,
    answerCommand: 'Klingelnden Anruf annehmen',
    cardCall: 'Anrufen',
  },
  {
    lang: 'fr',
    optionsTitle: 'Options d’Offhook',
    allowMic: 'Autoriser le microphone',
    micAllowed: 'Le microphone est autorisé.',
    server: 'Serveur (URL WebSocket)',
    username: 'Nom d’utilisateur',
    password: 'Mot de passe',
    domain: 'Domaine',
    displayName: 'Nom affiché',
    save: 'Enregistrer',
    test: 'Tester la connexion',
    wrongCredentials: /Le serveur a répondu 401 .*\u00a0: nom d’utilisateur ou mot de passe incorrect\./,
    registered: 'Enregistré en tant que',
    call: 'Appeler',
    incoming: 'Appel entrant',
    answer: 'Répondre',
    decline: 'Refuser',
    hangUp: 'Raccrocher',
    youHungUp: 'Vous avez raccroché',
    badgeRinging: 'Offhook\u00a0: appel entrant.',
    description: /^Cliquez sur n’importe quel numéro/,
    answerCommand: 'Répondre à l’appel entrant',
    cardCall: 'Appeler',
  },
];

/** Words of the page's visible text that look like a message key (popupCallButton). */
async function rawKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, document.title, ...labels].join('\n');
  });
  return text.split(/\s+/).filter((word) => /^[a-z]+[A-Z]\w+$/.test(word));
}

for (const want of LANGUAGES) {
  describe(`Offhook in ${want.lang}`, () => {
    let world: World;
    let bob: Party;
    beforeAll(async () => {
      world = await World.start(inject('extensionDir'), { lang: want.lang });
      bob = await world.party('bob', { displayName: 'Bob Builder' });
    });
    afterAll(async () => {
      await bob?.close();
      await world?.close();
    });

    it('names and describes itself, and its shortcuts, in the browser’s language', async () => {
      const sw = await world.worker();
      const self = await sw.evaluate(async () => {
        const c = (globalThis as unknown as ChromeApi).chrome;
        const me = await c.management.getSelf();
        return { name: me.name, description: me.description, ui: c.i18n.getUILanguage(), commands: await c.commands.getAll() };
      });
      expect(self.ui.startsWith(want.lang)).toBe(true);
      expect(self.name).toBe('Offhook');
      expect(self.description).toMatch(want.description);
      expect(self.commands.find((c) => c.name === 'answer')?.description).toBe(want.answerCommand);
      for (const c of self.commands) expect(c.description ?? '').not.toMatch(/__MSG_|^[a-z]+[A-Z]\w+$/);
    });

    it('sets up the account on a translated options page, the softphone’s own answers included', async () => {
      const user = world.server.users.find((u) => u.username === 'alice')!;
      const options = world.takeWelcomePage() ?? (await world.context.newPage());
      if (options.url() === 'about:blank') await options.goto(world.url('options.html'));
      await options.bringToFront();
      await expect.poll(() => options.title()).toBe(want.optionsTitle);
      expect(await options.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${want.lang}`));

      const allowed = options.getByText(want.micAllowed);
      const allow = options.getByRole('button', { name: want.allowMic });
      await allowed.or(allow).first().waitFor();
      if (await allow.isVisible()) await allow.click();
      await allowed.waitFor();

      await options.getByLabel(want.server, { exact: true }).fill(world.server.wsUrl);
      await options.getByLabel(want.username, { exact: true }).fill('alice');
      await options.getByLabel(want.password, { exact: true }).fill('not-the-password');
      await options.getByLabel(want.domain, { exact: true }).fill(world.server.domain);
      await options.getByLabel(want.displayName, { exact: true }).fill('Alice Offhook');
      // The connection test runs in the offscreen document, which has no browser.i18n.
      await options.getByRole('button', { name: want.test }).click();
      await options.getByText(want.wrongCredentials).waitFor({ timeout: 15_000 });

      await options.getByLabel(want.password, { exact: true }).fill(user.password);
      await options.getByRole('button', { name: want.save }).click();
      await options.getByRole('status').filter({ hasText: `${want.registered} alice@${world.server.domain}` }).waitFor({ timeout: 15_000 });
      expect(await rawKeys(options)).toEqual([]);
      await options.close();
    });

    it('shows the popup, a real incoming call and its notification in the same language', async () => {
      const sw = await world.worker();
      // Keep a copy of each notification the coordinator creates, to read its title.
      await sw.evaluate(() => {
        const n = (globalThis as unknown as ChromeApi).chrome.notifications;
        const g = globalThis as unknown as { __shown: { title: string; buttons?: { title: string }[] }[] };
        g.__shown = [];
        const create = n.create.bind(n);
        n.create = (id: string, options: { title: string; buttons?: { title: string }[] }) => {
          g.__shown.push(options);
          return create(id, options);
        };
      });
      const shown = () => sw.evaluate(() => (globalThis as unknown as { __shown: { title: string; buttons?: { title: string }[] }[] }).__shown);

      const popup = await world.openPopup();
      await popup.locator('.status[data-state="registered"]').filter({ hasText: `${want.registered} alice@` }).waitFor();
      expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${want.lang}`));
      await expect(popup.getByRole('button', { name: want.call, exact: true }).isVisible()).resolves.toBe(true);
      expect(await rawKeys(popup)).toEqual([]);

      await bob.call('alice');
      const incoming = popup.getByRole('region', { name: want.incoming });
      await incoming.waitFor();
      await expect(incoming.locator('.who').textContent()).resolves.toContain('Bob Builder');
      await expect(incoming.getByRole('button', { name: want.decline }).isVisible()).resolves.toBe(true);
      await expect.poll(shown).toContainEqual(
        expect.objectContaining({ title: want.incoming, buttons: [{ title: want.answer }, { title: want.decline }] }),
      );
      await expect
        .poll(() => sw.evaluate(() => (globalThis as unknown as ChromeApi).chrome.action.getTitle({})))
        .toContain(want.badgeRinging);
      expect(await rawKeys(popup)).toEqual([]);

      await incoming.getByRole('button', { name: want.answer, exact: true }).click();
      await bob.waitForState('established');
      await popup.getByRole('button', { name: want.hangUp }).click();
      await bob.waitForState('terminated');
      await popup.locator('.ended').filter({ hasText: want.youHungUp }).waitFor();
      expect(await rawKeys(popup)).toEqual([]);
      await popup.close();
    });

    it('labels the hover card on a web page in the same language', async () => {
      const page = await world.openFixture('click-to-call.html');
      await world.waitForNumbers(page, (n) => n.length >= 1, 'numbers on the page');
      const box = await page.locator('#bob-number').boundingBox();
      await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
      await expect.poll(() => world.cardText(page)).toMatch(new RegExp(`${want.cardCall}$`));
      expect((await world.cardText(page))!.split(/\s+/).filter((w) => /^[a-z]+[A-Z]\w+$/.test(w))).toEqual([]);
      await page.close();
    });
  });
}

interface ChromeApi {
  chrome: {
    management: { getSelf(): Promise<{ name: string; description: string }> };
    i18n: { getUILanguage(): string };
    commands: { getAll(): Promise<{ name?: string; description?: string }[]> };
    notifications: { create: (id: string, options: { title: string; buttons?: { title: string }[] }) => Promise<string> };
    action: { getTitle(details: object): Promise<string> };
  };
}
