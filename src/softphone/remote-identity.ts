import type { RemoteParty } from '../shared/call/call-info';

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
  const angle = /^(.*?)<([^>]*)>/.exec(first);
  let displayName: string | undefined;
  let uri: string;
  if (angle) {
    displayName = unquote(angle[1]!.trim()) || undefined;
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
    if (c === '"' && header[i - 1] !== '\\') inQuotes = !inQuotes;
    else if (!inQuotes && c === '<') inAngle = true;
    else if (!inQuotes && c === '>') inAngle = false;
    else if (!inQuotes && !inAngle && c === ',') return header.slice(0, i);
  }
  return header;
}

function unquote(name: string): string {
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2)
    return name.slice(1, -1).replace(/\\(.)/g, '$1');
  return name;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
