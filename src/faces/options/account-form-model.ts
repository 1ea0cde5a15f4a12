import { computed, signal } from '@preact/signals';
import { addressOfRecord, EXPIRES_DEFAULT, type AccountView } from '../../shared/account/account';
import { formatIceServers, type AccountInput, type FieldErrors } from '../../shared/account/validate-account';
import { describeRegistration } from '../../shared/phone/registration';
import { validateDialPlan } from '../../shared/dial-plan/dial-plan';
import { previewDialPlan, type DialPreviewLine } from '../../shared/dial-plan/preview';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import { t } from '../../shared/i18n/t';
import type { CoordinatorClient } from '../common/coordinator-client';

export type FormFields = Required<AccountInput>;

const EMPTY: FormFields = {
  kind: 'sip',
  server: '',
  username: '',
  authUsername: '',
  domain: '',
  displayName: '',
  password: '',
  ha1: '',
  iceServers: '',
  dtmfMethod: 'rfc4733',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialInternational: 'plus',
  dialInternationalPrefix: '00',
  dialHomeCountry: '',
  dialOutsideLine: '',
  expires: String(EXPIRES_DEFAULT),
  oauthClientId: '',
  phoneMode: 'platform',
};

/**
 * The account form. Validation happens in the coordinator (one place decides); this model
 * shows its answer next to each field. The password field starts empty: a stored secret is
 * never sent back to a page, and leaving the field empty keeps it.
 */
export function createAccountFormModel(client: CoordinatorClient) {
  const fields = signal<FormFields>({ ...EMPTY });
  const errors = signal<FieldErrors>({});
  const saved = signal<AccountView | null>(null);
  const loadError = signal<string | null>(null);
  const message = signal<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const busy = signal<'saving' | 'testing' | null>(null);
  const phone = signal<PhoneSnapshot | null>(null);
  /** Fields the organization set by policy (shown, not editable), and policy keys it ignored. */
  const locked = signal<Partial<Record<keyof FormFields, string>>>({});
  const policyProblems = signal<{ key: string; message: string }[]>([]);
  /** The organization lets the user add accounts beyond the one they have (the default). */
  const mayAddAccounts = signal(true);
  const lock = (f: FormFields): FormFields => ({ ...f, ...locked.value });

  const registration = computed(() => (phone.value ? describeRegistration(phone.value.registration) : ''));
  const secretHint = computed(() =>
    saved.value?.secret === 'password'
      ? t('optionsPasswordSaved')
      : saved.value?.secret === 'ha1'
        ? t('optionsHa1Saved')
        : saved.value?.secret === 'token' && saved.value.kind === fields.value.kind
          ? t('optionsSignedIn')
          : '',
  );

  /** What the dial plan as typed does to a few numbers, or nothing while a field is wrong. */
  const dialPreview = computed((): DialPreviewLine[] => {
    const f = fields.value;
    const plan = validateDialPlan({
      international: f.dialInternational,
      internationalPrefix: f.dialInternationalPrefix,
      homeCountry: f.dialHomeCountry,
      outsideLine: f.dialOutsideLine,
    });
    return plan.ok ? previewDialPlan(plan.plan) : [];
  });

  /** Every stored account and the default one; empty until read. */
  const book = signal<{ accounts: AccountView[]; defaultAor: string }>({ accounts: [], defaultAor: '' });
  const aorOf = (v: Pick<AccountView, 'username' | 'domain'>) => addressOfRecord(v);

  async function refreshBook(): Promise<void> {
    try {
      book.value = await client.ask('account:list', {});
    } catch {
      // The list is an extra: the form still edits the default account without it.
    }
  }

  function fill(view: AccountView) {
    fields.value = lock({
      kind: view.kind,
      server: view.server,
      username: view.username,
      authUsername: view.authUsername,
      domain: view.domain,
      displayName: view.displayName,
      password: '',
      ha1: '',
      iceServers: formatIceServers(view.iceServers),
      dtmfMethod: view.dtmfMethod,
      autoAnswer: view.autoAnswer,
      transferRequests: view.transferRequests,
      dialInternational: view.dialPlan.international,
      dialInternationalPrefix: view.dialPlan.internationalPrefix,
      dialHomeCountry: view.dialPlan.homeCountry,
      dialOutsideLine: view.dialPlan.outsideLine,
      expires: String(view.expires),
      oauthClientId: view.oauthClientId,
      phoneMode: view.phoneMode ?? 'platform',
    });
  }

  return {
    fields,
    errors,
    saved,
    loadError,
    message,
    busy,
    phone,
    locked,
    policyProblems,
    mayAddAccounts,
    isLocked: (field: keyof FormFields) => locked.value[field] !== undefined,
    registration,
    secretHint,
    dialPreview,
    book,
    aorOf,
    /** Edits another stored account in the form. */
    edit(view: AccountView) {
      saved.value = view;
      fill(view);
      errors.value = {};
      message.value = null;
    },
    /** An empty form: Save adds the account (and registers as it). */
    addAccount() {
      saved.value = null;
      fields.value = lock({ ...EMPTY });
      errors.value = {};
      message.value = { kind: 'info', text: t('optionsAccountNewHint') };
    },
    /** Makes a stored account the default: the softphone re-registers as it. */
    async use(aor: string): Promise<void> {
      busy.value = 'saving';
      try {
        const result = await client.ask('account:select', { aor });
        if (!result.ok) throw new Error(result.error);
        await refreshBook();
        message.value = { kind: 'ok', text: t('optionsAccountSwitched', aor) };
      } catch (e) {
        message.value = { kind: 'error', text: t('optionsNotSaved', (e as Error).message) };
      } finally {
        busy.value = null;
      }
    },
    async load(): Promise<void> {
      try {
        const policy = await client.ask('settings:policy', {});
        locked.value = policy.locked;
        policyProblems.value = policy.problems;
        mayAddAccounts.value = policy.allowOtherAccounts !== false;
        fields.value = lock(fields.value);
      } catch {
        // No policy to show: every field stays editable, and the coordinator still applies it.
      }
      try {
        const view = await client.ask('account:get', {});
        saved.value = view;
        if (view) fill(view);
        await refreshBook();
      } catch (e) {
        loadError.value = t('optionsAccountUnreadable', (e as Error).message);
      }
    },
    watch(signal: AbortSignal) {
      client.watch((s) => (phone.value = s), signal);
    },
    /** Fills the form with an imported account (never a secret) for the person to complete. */
    fillImported(input: AccountInput) {
      fields.value = lock({ ...EMPTY, ...input, password: '', ha1: '' } as FormFields);
      errors.value = {};
    },
    set(field: keyof FormFields, value: string) {
      if (locked.value[field] !== undefined) return;
      fields.value = { ...fields.value, [field]: value };
      if (errors.value[field]) {
        const { [field]: _, ...rest } = errors.value;
        errors.value = rest;
      }
    },
    async save(): Promise<boolean> {
      busy.value = 'saving';
      message.value = null;
      try {
        const editing = saved.value;
        const result = await client.ask('account:save', { input: fields.value, ...(editing ? { replaces: aorOf(editing) } : {}) });
        if (!result.ok) {
          errors.value = result.errors;
          message.value = { kind: 'error', text: t('optionsNotSavedFields') };
          return false;
        }
        errors.value = {};
        saved.value = result.account;
        fill(result.account);
        await refreshBook();
        message.value = { kind: 'ok', text: t('optionsSavedRegistering') };
        return true;
      } catch (e) {
        message.value = { kind: 'error', text: t('optionsNotSaved', (e as Error).message) };
        return false;
      } finally {
        busy.value = null;
      }
    },
    async remove(): Promise<void> {
      busy.value = 'saving';
      try {
        const editing = saved.value;
        const result = await client.ask('account:remove', editing ? { aor: aorOf(editing) } : {});
        if (!result.ok) throw new Error(result.error);
        await refreshBook();
        // The form moves on to the default account, if one is left.
        const next = book.value.accounts.find((a) => aorOf(a) === book.value.defaultAor) ?? null;
        saved.value = next;
        if (next) fill(next);
        else fields.value = lock({ ...EMPTY });
        errors.value = {};
        message.value = { kind: 'ok', text: t('optionsAccountRemoved') };
      } catch (e) {
        message.value = { kind: 'error', text: t('optionsNotRemoved', (e as Error).message) };
      } finally {
        busy.value = null;
      }
    },
    async test(): Promise<void> {
      busy.value = 'testing';
      message.value = { kind: 'info', text: t('optionsTesting') };
      try {
        const result = await client.ask('account:test', { input: fields.value });
        if ('errors' in result) {
          errors.value = result.errors;
          message.value = { kind: 'error', text: t('optionsTestFieldsInvalid') };
        } else {
          message.value = { kind: result.ok ? 'ok' : 'error', text: result.message };
        }
      } catch (e) {
        message.value = { kind: 'error', text: t('optionsTestFailed', (e as Error).message) };
      } finally {
        busy.value = null;
      }
    },
  };
}

export type AccountFormModel = ReturnType<typeof createAccountFormModel>;
