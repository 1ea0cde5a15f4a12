// `npm run bench:detect`: how well and how fast the phone-number engine works. A report, not a
// test: it always exits 0. The unit tests (src/detection/detect.test.ts) are the gate.
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/max/metadata';
import minMetadata from 'libphonenumber-js/min/metadata';
import mobileMetadata from 'libphonenumber-js/mobile/metadata';
import { corpus } from '../test/fixtures/detection-corpus/index';
import { precision, recall, scoreCorpus, type Score, type Tally } from '../test/fixtures/detection-corpus/score';
import { detectPhoneNumbers, mightContainPhoneNumber } from '../src/detection/detect';
import { createDetector } from '../src/detection/detector';
import { flavour } from '../src/detection/metadata';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flavours: [name: string, metadata: MetadataJson][] = [
  ['min', minMetadata],
  ['mobile', mobileMetadata],
  ['max', maxMetadata],
];

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');

function printTally(name: string, t: Tally, widths: number[]): void {
  console.log(row([name, t.truePositives, t.falsePositives, t.falseNegatives, pct(precision(t)), pct(recall(t))], widths));
}

function printScore(score: Score): void {
  const widths = [8, 5, 5, 5, 9, 9];
  console.log(row(['country', 'TP', 'FP', 'FN', 'precision', 'recall'], widths));
  for (const [country, t] of [...score.byCountry].sort(([a], [b]) => a.localeCompare(b))) printTally(country, t, widths);
  printTally('overall', score.overall, widths);
  console.log(`\nmisses (${score.overall.falseNegatives}):`);
  for (const e of score.errors.filter((e) => e.missed.length)) {
    console.log(`  [${e.case.region ?? '--'}] ${JSON.stringify(e.case.text)}\n      expected ${e.missed.join('; ')}`);
  }
  console.log(`false positives (${score.overall.falsePositives}):`);
  for (const e of score.errors.filter((e) => e.unexpected.length)) {
    const kind = e.case.kind === 'decoy' ? ` ${e.case.decoy}` : '';
    console.log(`  [${e.case.region ?? '--'}${kind}] ${JSON.stringify(e.case.text)}\n      found ${e.unexpected.join('; ')}`);
  }
}

/** gzip -9 size of the engine bundled with one flavour (esbuild, minified), or of its JSON. */
async function bundleSize(name: string): Promise<{ bundle?: number; json: number }> {
  const metadata = flavours.find(([n]) => n === name)![1];
  const json = gzipSync(JSON.stringify(metadata), { level: 9 }).length;
  try {
    const esbuild = await import('esbuild');
    const entry = [
      `import { createDetector } from './src/detection/detector';`,
      `import metadata from 'libphonenumber-js/${name}/metadata';`,
      `export const detect = createDetector(metadata);`,
    ].join('\n');
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    return { bundle: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length, json };
  } catch {
    return { json };
  }
}

/** libphonenumber's own text search at VALID leniency, as a baseline for the engine. */
function libraryAlone(metadata: MetadataJson) {
  return (text: string, options: { defaultRegion?: string }) => {
    const region = options.defaultRegion as CountryCode | undefined;
    // VALID is the library's default leniency.
    const found = findPhoneNumbersInText(text, region && isSupportedCountry(region, metadata) ? { defaultCountry: region } : {}, metadata);
    return found.map((f) => ({
      text: text.slice(f.startsAt, f.endsAt),
      tel: f.number.ext ? `tel:${f.number.number};ext=${f.number.ext}` : `tel:${f.number.number}`,
    }));
  };
}

/** How many random digit strings of a national number's length each flavour calls valid. */
function randomValidity(metadata: MetadataJson): number {
  const regions: [CountryCode, number][] = [
    ['US', 10], ['GB', 11], ['DE', 11], ['FR', 10], ['IT', 10], ['ES', 9], ['BR', 11], ['IN', 10], ['JP', 10], ['AU', 10],
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let valid = 0;
  let total = 0;
  for (const [region, length] of regions) {
    for (let i = 0; i < 1000; i++) {
      let digits = region === 'ES' || region === 'IT' || region === 'US' ? '' : '0';
      while (digits.length < length) digits += Math.floor(random() * 10);
      total++;
      if (parsePhoneNumberFromString(digits, { defaultCountry: region }, metadata)?.isValid()) valid++;
    }
  }
  return valid / total;
}

const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were ' +
  'der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass ' +
  'le de la et les des en un du une que est pour qui dans par plus pas sur se au il sont avec ce son elle nous vous ' +
  'delivery invoice customer service opening hours monday friday price total order shipping returns contact address'
).split(' ');

/** Deterministic prose, optionally with phone numbers and number-like decoys mixed in. */
function syntheticText(bytes: number, numbers: number): { paragraphs: string[]; numbers: number } {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const phones = [
    () => `(${pick(['212', '415', '312', '617', '206', '305'])}) 555-01${d(2)}`,
    () => `+44 20 7946 0${d(3)}`,
    () => `+49 30 23125 ${d(3)}`,
    () => `+33 1 99 00 ${d(2)} ${d(2)}`,
    () => `+61 2 5550 ${d(4)}`,
    () => `1-800-555-01${d(2)}`,
    () => `+81 3 5555 ${d(4)}`,
  ];
  const decoys = [
    () => `${1 + Math.floor(random() * 28)}.11.2026`,
    () => `$${d(1)},${d(3)},${d(3)}.${d(2)}`,
    () => `order #${d(10)}`,
    () => `${d(2)}%`,
    () => `v${d(1)}.${d(2)}.${d(4)}`,
  ];
  const paragraphs: string[] = [];
  let size = 0;
  let placed = 0;
  const perByte = numbers / bytes;
  while (size < bytes) {
    let p = '';
    while (p.length < 400) {
      const r = random();
      if (numbers > 0 && placed < (size + p.length) * perByte) {
        p += `Call ${pick(phones)()} today. `;
        placed++;
      } else if (numbers > 0 && r < 0.02) {
        p += `${pick(decoys)()} `;
      } else {
        p += `${pick(WORDS)} `;
      }
    }
    paragraphs.push(p);
    size += p.length;
  }
  return { paragraphs, numbers: placed };
}

function timeIt(run: () => void, minMs = 400): number {
  run();
  let rounds = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    run();
    rounds++;
    elapsed = performance.now() - t0;
  }
  return elapsed / rounds;
}

async function main(): Promise<void> {
  console.log(`Offhook phone-number detection benchmark\nmetadata flavour in use: ${flavour}\n`);

  console.log(`== Corpus (${corpus.length} snippets), flavour '${flavour}' ==`);
  printScore(scoreCorpus(detectPhoneNumbers, corpus));

  console.log('\n== Metadata flavours ==');
  const widths = [7, 10, 10, 10, 16, 14, 18];
  console.log(row(['flavour', 'precision', 'recall', 'FP/FN', 'engine gzip', 'JSON gzip', 'random valid'], widths));
  for (const [name, metadata] of flavours) {
    const score = scoreCorpus(createDetector(metadata), corpus);
    const size = await bundleSize(name);
    console.log(
      row(
        [
          name,
          pct(precision(score.overall)),
          pct(recall(score.overall)),
          `${score.overall.falsePositives}/${score.overall.falseNegatives}`,
          size.bundle ? kb(size.bundle) : 'n/a',
          kb(size.json),
          pct(randomValidity(metadata)),
        ],
        widths,
      ),
    );
  }
  for (const [name, metadata] of flavours) {
    const score = scoreCorpus(libraryAlone(metadata), corpus, true);
    console.log(
      row(
        [`${name}*`, pct(precision(score.overall)), pct(recall(score.overall)), `${score.overall.falsePositives}/${score.overall.falseNegatives}`, '', '', ''],
        widths,
      ),
    );
  }
  console.log(
    "  *: libphonenumber's findPhoneNumbersInText (VALID) alone on the same corpus, scored on the tel URI only.\n" +
      "  engine gzip: esbuild bundle of the engine with that flavour, minified, gzip -9.\n" +
      "  random valid: share of random national-length digit strings (10 regions) the flavour calls valid;\n" +
      '  lower means validation alone rejects more look-alikes the corpus does not cover.',
  );

  console.log('\n== Throughput ==');
  const withNumbers = syntheticText(1 << 20, 2000);
  const prose = syntheticText(1 << 20, 0);
  for (const [name, text] of [
    ['1 MB with 2,000 numbers', withNumbers],
    ['1 MB of prose, no numbers', prose],
  ] as const) {
    const mb = text.paragraphs.reduce((n, p) => n + p.length, 0) / (1 << 20);
    let found = 0;
    const detectMs = timeIt(() => {
      found = 0;
      for (const p of text.paragraphs) found += detectPhoneNumbers(p, { defaultRegion: 'US' }).length;
    });
    const filterMs = timeIt(() => {
      for (const p of text.paragraphs) mightContainPhoneNumber(p);
    });
    console.log(
      `${name}: detectPhoneNumbers ${(mb / (detectMs / 1000)).toFixed(1)} MB/s (${detectMs.toFixed(1)} ms, ` +
        `${found} found of ${text.numbers}); mightContainPhoneNumber ${(mb / (filterMs / 1000)).toFixed(0)} MB/s`,
    );
  }
  const nodes = prose.paragraphs.flatMap((p) => p.match(/.{1,80}/g) ?? []);
  const perNodeMs = timeIt(() => {
    for (const node of nodes) mightContainPhoneNumber(node);
  });
  console.log(
    `mightContainPhoneNumber on prose text nodes of ≤80 chars: ${((perNodeMs * 1e6) / nodes.length).toFixed(0)} ns per node ` +
      `(${nodes.filter(mightContainPhoneNumber).length} of ${nodes.length} let through)`,
  );
  const scaling = [1, 4, 16].map((k) => {
    const text = withNumbers.paragraphs.slice(0, 64).join(' ').repeat(k);
    return { chars: text.length, ms: timeIt(() => void detectPhoneNumbers(text, { defaultRegion: 'US' }), 200) };
  });
  console.log(
    `one block of growing size: ${scaling.map((s) => `${(s.chars / 1000).toFixed(0)}k chars ${s.ms.toFixed(2)} ms`).join(', ')}`,
  );
}

main()
  .catch((error: unknown) => console.error('bench-detect failed:', error))
  .finally(() => process.exit(0));
