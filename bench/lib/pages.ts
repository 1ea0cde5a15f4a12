// The synthetic pages the bench measures, written to a folder the static server serves.
// Deterministic (a seeded generator), so every run and every machine sees the same pages.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SyntheticPage {
  name: string;
  file: string;
  /** Numbers a person would count on the page (before any appended rows). */
  expectedNumbers: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her ' +
  'service office contact hours support team account order delivery invoice meeting schedule city street building floor room'
).split(' ');

/** Digit-bearing text that is not a phone number: the engine has to look at it and say no. */
const DECOYS = ['order 2026-004417', 'invoice date 22.11.2026', 'price $1,299.00', 'ISBN 978-3-16-148410-0', 'ref #88213', '3.5 GHz', 'v10.2.44', 'IBAN DE89 3704 0044 0532 0130 00'];

function phone(r: () => number, i: number): string {
  const n = (k: number) => String(Math.floor(r() * 10 ** k)).padStart(k, '0');
  switch (i % 5) {
    case 0: return `(212) 555-${n(4)}`.replace('555', String(200 + Math.floor(r() * 700)));
    case 1: return `+1 415-${200 + Math.floor(r() * 700)}-${n(4)}`;
    case 2: return `+44 20 79${n(2)} ${n(4)}`;
    case 3: return `+49 30 ${n(4)}${n(3)}`;
    default: return `+33 1 42 ${n(2)} ${n(2)} ${n(2)}`;
  }
}

const head = (title: string) =>
  `<!doctype html>\n<html lang="en-US"><head><meta charset="utf-8"><title>${title}</title>` +
  `<style>body{font:15px/1.45 system-ui,sans-serif;margin:24px} td{padding:2px 8px}</style></head><body>\n`;

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)]!);
  return out.join(' ');
}

function article(): string {
  const r = rng(1);
  let html = head('A short article') + '<article><h1>Opening hours and contacts</h1>\n';
  for (let p = 0; p < 12; p++) {
    html += `<p>${sentence(r, 40)}`;
    if (p === 2) html += ` Call our front desk on ${phone(r, 0)} during office hours.`;
    if (p === 6) html += ` From abroad dial ${phone(r, 2)}. ${DECOYS[p % DECOYS.length]}.`;
    if (p === 9) html += ` Sales: ${phone(r, 1)}.`;
    html += '</p>\n';
  }
  return html + '</article></body></html>\n';
}

/** `count` text nodes (plus a handful around them): paragraphs of inline spans, a number every 250 nodes, decoys often. */
function textNodes(count: number): { html: string; numbers: number } {
  const r = rng(count);
  const parts: string[] = [head(`${count} text nodes`)];
  let nodes = 0;
  let numbers = 0;
  while (nodes < count) {
    const spans: string[] = [];
    for (let s = 0; s < 9 && nodes < count; s++, nodes++) {
      let text = sentence(r, 6);
      if (nodes % 250 === 125) {
        text += ` tel. ${phone(r, numbers)}`;
        numbers++;
      } else if (nodes % 40 === 7) text += ` ${DECOYS[nodes % DECOYS.length]}`;
      // No whitespace between elements: `count` is the number of text nodes a walker sees.
      spans.push(s % 3 === 2 ? `<b>${text} </b>` : `<span>${text} </span>`);
    }
    parts.push(`<p>${spans.join('')}</p>`);
  }
  parts.push('</body></html>\n');
  return { html: parts.join(''), numbers };
}

/** Words of prose per directory row: enough for the page to weigh 1 MB (pages.test.ts). */
const DIRECTORY_PROSE_WORDS = 70;

/** 1 MB: a company directory, 2,000 rows, one number each, with addresses and decoys. */
export function directory(): string {
  const r = rng(2000);
  const parts: string[] = [head('Directory (2,000 numbers)'), '<h1>Staff directory</h1><table><tbody>\n'];
  for (let i = 0; i < 2000; i++) {
    parts.push(
      `<tr><td>${sentence(r, 2)} ${sentence(r, 1)}</td><td>${sentence(r, 5)}</td><td>${1 + Math.floor(r() * 999)} ${sentence(r, 2)} street, ` +
        `building ${Math.floor(r() * 40)}, floor ${Math.floor(r() * 20)}</td><td>${phone(r, i)}</td>` +
        `<td>${DECOYS[i % DECOYS.length]}</td><td>${sentence(r, DIRECTORY_PROSE_WORDS)}</td></tr>\n`,
    );
  }
  parts.push('</tbody></table></body></html>\n');
  return parts.join('');
}

/** A page that appends rows with numbers when told (window.__appendRows(n)), or every
 * second when opened with #auto. */
function appending(): string {
  return (
    head('Appending rows') +
    `<h1>Live call log</h1><table><tbody id="rows"><tr><td>start</td><td>(212) 736-3100</td></tr></tbody></table>
<script>
  let seed = 7, made = 0;
  const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const n = (k) => String(Math.floor(r() * 10 ** k)).padStart(k, '0');
  window.__appendRows = (count) => {
    const body = document.getElementById('rows');
    for (let i = 0; i < count; i++, made++) {
      const tr = document.createElement('tr');
      tr.innerHTML = '<td>Caller ' + made + ' at ' + n(2) + ':' + n(2) + '</td><td>+1 415-' + (200 + Math.floor(r() * 700)) + '-' + n(4) + '</td><td>order 2026-' + n(6) + '</td>';
      body.appendChild(tr);
    }
  };
  if (location.hash === '#auto') setInterval(() => window.__appendRows(100), 1000);
</script></body></html>
`
  );
}

export async function writeSyntheticPages(dir: string): Promise<SyntheticPage[]> {
  await mkdir(dir, { recursive: true });
  const pages: [string, string, number][] = [['article', article(), 3]];
  for (const n of [5_000, 50_000, 200_000]) {
    const { html, numbers } = textNodes(n);
    pages.push([`text-${n / 1000}k`, html, numbers]);
  }
  pages.push(['directory-1mb', directory(), 2000]);
  pages.push(['append-rows', appending(), 1]);
  const out: SyntheticPage[] = [];
  for (const [name, html, expected] of pages) {
    const file = `${name}.html`;
    await writeFile(path.join(dir, file), html);
    out.push({ name, file, expectedNumbers: expected });
  }
  return out;
}
