import type { FailureKind, Registration } from './registration';
import type { PhoneSnapshot } from './snapshot';

/** The popup's page, as the toolbar button opens it when there is no state to carry. */
export const POPUP_PAGE = '/popup.html';
/** The query parameter that carries the phone's state into the popup's address. */
export const PHONE_PARAM = 'phone';

/** What the address carries: enough for the status line and the DND switch, nothing else. */
interface Carried {
  registration: Registration;
  dnd?: boolean;
  revision: number;
}

/**
 * The address the toolbar button opens the popup at. The coordinator sets it on every change
 * of the phone (`action.setPopup`), so the popup can draw the real state in its first frame,
 * from `location.search`, without waiting for any read. While calls are live it carries
 * nothing: the popup then draws from the stored snapshot, which has the calls. The browser
 * keeps the address in memory only, and forgets it when it restarts or the extension
 * reloads, so it is never older than the phone it describes. No credential is in a snapshot.
 */
export function popupAddressFor(snapshot: PhoneSnapshot): string {
  if (snapshot.calls.length > 0) return POPUP_PAGE;
  const carried: Carried = { registration: snapshot.registration, revision: snapshot.revision };
  if (snapshot.dnd) carried.dnd = true;
  return `${POPUP_PAGE}?${PHONE_PARAM}=${encodeURIComponent(JSON.stringify(carried))}`;
}

const STATES = new Set(['unconfigured', 'connecting', 'registering', 'registered', 'unregistered', 'failed']);
const KINDS = new Set<FailureKind>(['auth', 'rejected', 'transport', 'config', 'signin']);

/**
 * The state a popup address carries (`location.search`), as a snapshot with no calls; null
 * when there is none or it is not what `popupAddressFor` writes (nothing is trusted blindly,
 * even from the extension's own address).
 */
export function phoneFromPopupAddress(search: string): PhoneSnapshot | null {
  const raw = new URLSearchParams(search).get(PHONE_PARAM);
  if (!raw || raw.length > 4096) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const v = value as Partial<Carried> | null;
  if (!v || typeof v !== 'object' || typeof v.revision !== 'number') return null;
  const registration = registrationOf(v.registration);
  if (!registration) return null;
  return { registration, calls: [], revision: v.revision, ...(v.dnd === true ? { dnd: true } : {}) };
}

function registrationOf(value: unknown): Registration | null {
  const r = value as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || typeof r.state !== 'string' || !STATES.has(r.state)) return null;
  if (r.state === 'unconfigured') return { state: 'unconfigured' };
  if (typeof r.aor !== 'string') return null;
  if (r.state !== 'failed') return { state: r.state, aor: r.aor } as Registration;
  if (!KINDS.has(r.kind as FailureKind) || typeof r.message !== 'string') return null;
  return {
    state: 'failed',
    aor: r.aor,
    kind: r.kind as FailureKind,
    message: r.message,
    ...(typeof r.status === 'number' ? { status: r.status } : {}),
    ...(typeof r.phrase === 'string' ? { phrase: r.phrase } : {}),
    ...(typeof r.retryAt === 'number' ? { retryAt: r.retryAt } : {}),
  };
}
