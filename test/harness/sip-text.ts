// A SIP message read as text, enough for the harness's own ends: the start line, and every
// header by lower-case name.
const CRLF = '\r\n';

export interface SipText {
  startLine: string;
  method?: string;
  status?: number;
  headers: Map<string, string[]>;
}

export function parseSipText(raw: string): SipText {
  const [head = ''] = raw.split(CRLF + CRLF);
  const [startLine = '', ...lines] = head.split(CRLF);
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const status = /^SIP\/2\.0 (\d{3})/.exec(startLine)?.[1];
  return { startLine, ...(status ? { status: Number(status) } : { method: startLine.split(' ')[0] }), headers };
}
