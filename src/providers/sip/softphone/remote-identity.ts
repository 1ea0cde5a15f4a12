import type { RemoteParty } from '../../../shared/call/call-info';

/**
 * Who is calling, from the INVITE's headers: P-Asserted-Identity (set by the PBX, most
 * trustworthy), then Remote-Party-ID, then From. Display names are kept as text; the faces
 * render them inert.
 */
export function remoteIdentity(headers: {
  pAssertedIdentity?: string;
  remotePartyId?: string;
  from: string;
}): RemoteParty {
  for (const header of [headers.pAssertedIdentity, headers.remotePartyId, headers.from]) {
    const parsed = header ? parseNameAddr(header) : undefined;
    if (parsed) return parsed;
  }
  return { uri: '', number: 'Unknown' };
}

/** Parses `"Name" <sip:user@host;p>;tag=x`, `Name <tel:+1...>` or a bare URI. */
export function parseNameAddr(header: string): RemoteParty | undefined {
  // Several identities may be comma-separated (PAI may carry a sip and a tel URI); take the first.
  const first = splitFirst(header.trim());
  let displayName: string | undefined;
  let uri: string;
  // A quoted name may hold anything, '<', '>' and line breaks included: read it as a whole
  // first, so the caller's chosen text is never taken for the address.
  const quoted = /^"((?:[^"\\]|\\[^])*)"\s*<([^>]*)>/.exec(first);
  const angle = quoted ? undefined : /^([^<"]*)<([^>]*)>/.exec(first);
  if (quoted) {
    displayName = quoted[1]!.replace(/\\([^])/g, '$1') || undefined;
    uri = quoted[2]!.trim();
  } else if (angle) {
    displayName = angle[1]!.trim() || undefined;
    uri = angle[2]!.trim();
  } else {
    uri = first.split(';')[0]!.trim();
  }
  const m = /^(sips?|tel):([^@;?]*)(@[^;?]*)?/i.exec(uri);
  if (!m) return undefined;
  const user = decodeURIComponentSafe(m[2]!);
  const number = m[1]!.toLowerCase() === 'tel' || m[3] ? user : '';
  return {
    uri,
    number: number || (m[3] ? m[3].slice(1) : user),
    ...(displayName ? { displayName } : {}),
  };
}

function splitFirst(header: string): string {
  let inQuotes = false;
  let inAngle = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (inQuotes && c === '\\') i++; // an escaped character, '"' included
    else if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === '<') inAngle = true;
    else if (!inQuotes && c === '>') inAngle = false;
    else if (!inQuotes && !inAngle && c === ',') return header.slice(0, i);
  }
  return header;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
