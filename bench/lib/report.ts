// The figures a bench run produces, and the table they print as.
import { median, round, spread } from './stats';

export interface Budget {
  /** The figure passes when it is at most (or, for '>=', at least) this value. */
  op: '<=' | '>=';
  value: number;
  text: string;
}

export interface Figure {
  section: string;
  name: string;
  unit: string;
  /** Every run's value, in run order. */
  runs: number[];
  median?: number;
  spread?: [number, number];
  budget?: Budget;
  /** e.g. "12× floor", "0.05× peer": how the median compares to the floor or the peer. */
  ratio?: string;
  status: 'pass' | 'miss' | 'info' | 'not measured';
  /** Why it is not measured, or what it leaves out. */
  note?: string;
}

export function figure(
  section: string,
  name: string,
  unit: string,
  runs: readonly (number | undefined)[],
  opts: { budget?: Budget; ratio?: string; note?: string; value?: number } = {},
): Figure {
  const xs = runs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  if (xs.length === 0) {
    return { section, name, unit, runs: [], status: 'not measured', note: opts.note ?? 'no run produced a value', budget: opts.budget };
  }
  const m = opts.value ?? median(xs)!;
  const b = opts.budget;
  const status = !b ? 'info' : (b.op === '<=' ? m <= b.value : m >= b.value) ? 'pass' : 'miss';
  return { section, name, unit, runs: xs, median: m, spread: spread(xs), budget: b, ratio: opts.ratio, status, note: opts.note };
}

export function notMeasured(section: string, name: string, why: string, budget?: Budget): Figure {
  return { section, name, unit: '', runs: [], status: 'not measured', note: why, budget };
}

export const atMost = (value: number, unit: string): Budget => ({ op: '<=', value, text: `≤ ${value} ${unit}` });
export const atLeast = (value: number, unit: string): Budget => ({ op: '>=', value, text: `≥ ${value} ${unit}` });

export function ratioText(value: number | undefined, reference: number | undefined, to: string): string | undefined {
  if (value === undefined || reference === undefined || reference <= 0) return undefined;
  const r = value / reference;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}× ${to}`;
}

const fmt = (x: number | undefined, unit: string): string => {
  if (x === undefined) return '–';
  const v = round(x, Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return unit ? `${v} ${unit}` : String(v);
};

/** How far a figure misses its budget: the difference and the factor, e.g. "4.2 ms over, 1.8×". */
export function overBy(f: Figure): string {
  const b = f.budget!;
  const m = f.median!;
  const gap = Math.abs(m - b.value);
  const factor = b.value > 0 && m > 0 ? (b.op === '<=' ? m / b.value : b.value / m) : undefined;
  return `${fmt(gap, f.unit)} ${b.op === '<=' ? 'over' : 'short'}${factor !== undefined ? `, ${factor.toFixed(factor >= 10 ? 0 : 1)}×` : ''}`;
}

export function renderTable(figures: readonly Figure[]): string {
  const header = ['figure', 'median', 'spread', 'n', 'budget', 'ratio', 'result'];
  const rows: string[][] = [];
  let section = '';
  const lines: string[] = [];
  for (const f of figures) {
    if (f.section !== section) {
      section = f.section;
      rows.push([`## ${section}`, '', '', '', '', '', '']);
    }
    rows.push([
      `  ${f.name}`,
      fmt(f.median, f.unit),
      f.spread ? `${fmt(f.spread[0], '')}–${fmt(f.spread[1], '')}` : '',
      f.runs.length ? String(f.runs.length) : '',
      f.budget?.text ?? '',
      f.ratio ?? '',
      f.status === 'not measured' ? `not measured${f.note ? `: ${f.note}` : ''}` : f.status === 'info' ? (f.note ?? '') : `${f.status.toUpperCase()}${f.note ? ` (${f.note})` : ''}`,
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => !r[0]!.startsWith('## ')).map((r) => (i === 6 ? 0 : r[i]!.length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 6 ? c : i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(line(header));
  for (const r of rows) lines.push(r[0]!.startsWith('## ') ? `\n${r[0]!.slice(3)}` : line(r));
  const missed = figures.filter((f) => f.status === 'miss');
  lines.push('', `${figures.filter((f) => f.status === 'pass').length} within budget, ${missed.length} over budget, ${figures.filter((f) => f.status === 'not measured').length} not measured`);
  for (const f of missed) lines.push(`  over budget: ${f.section.replace(/ \(.*$/, '')} / ${f.name}: ${fmt(f.median, f.unit)} (${f.budget!.text}; ${overBy(f)})`);
  return lines.join('\n');
}
