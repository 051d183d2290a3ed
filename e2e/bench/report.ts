import { cpus, loadavg } from 'node:os';
import { median, stats } from './frames.js';

/** One measure, repeated: per repeat either a duration (open) or a frame-time sample. */
export interface Row {
  what: string;
  /** Per repeat: the duration in ms, or the frame deltas in ms. */
  repeats: (number | number[])[];
  /** 1-minute load average before and after the measure (2 cores shared with other work). */
  load: [number, number];
  target: { metric: 'ms' | 'p95'; atMost: number; label: string };
  note?: string;
}

export const load1 = () => loadavg()[0]!;

const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function summary(row: Row): { value: number; cells: string[] } {
  if (row.target.metric === 'ms') {
    const values = row.repeats as number[];
    const value = median(values);
    return { value, cells: [fmt(value), '', '', values.map(fmt).join(', ')] };
  }
  const all = (row.repeats as number[][]).map(stats);
  const value = median(all.map((s) => s.p95));
  const cells = [
    fmt(median(all.map((s) => s.p50))),
    fmt(value),
    fmt(median(all.map((s) => s.max))),
    all.map((s) => `${fmt(s.p95)} (${s.count})`).join(', '),
  ];
  return { value, cells };
}

const HEADER = [
  'measure',
  'open ms / frame p50',
  'frame p95',
  'frame max',
  'per repeat (p95 (frames))',
  'target',
  'verdict',
  'load 1m',
];

/** The results as a markdown table padded the way Prettier formats one. */
export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => {
    const { value, cells: values } = summary(row);
    const met = value <= row.target.atMost;
    return [
      row.what + (row.note ? ` (${row.note})` : ''),
      ...values,
      row.target.label,
      met ? 'met' : '**missed**',
      `${row.load[0].toFixed(2)} → ${row.load[1].toFixed(2)}`,
    ];
  });
  return alignedTable(HEADER, cells);
}

function alignedTable(header: string[], rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((title, c) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[c]!))),
  );
  const right = (c: number) => c >= 1 && c <= 3;
  const pad = (text: string, c: number) => {
    const fill = ' '.repeat(widths[c]! - width(text));
    return right(c) ? fill + text : text + fill;
  };
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = widths.map((w, c) => (right(c) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function environment(browser: string, loads: [number, number]): string {
  const cpu = cpus();
  const model = cpu[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown CPU';
  const day = new Date().toISOString().slice(0, 10);
  return (
    `Node ${process.version}, ${cpu.length} × ${model}, Chromium ${browser} (Debian, headless, ` +
    `software rendering), ${day}, load average ${loads[0].toFixed(2)} at the start, ` +
    `${loads[1].toFixed(2)} at the end.`
  );
}
