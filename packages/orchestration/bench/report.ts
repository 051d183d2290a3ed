import type { Measurement } from './measure.js';

export interface ReportNames {
  /** The row every other row is divided by in the `× raw` column. */
  baseline: string;
  /** Our engine as the issue specifies it (events and metrics on): the `× ours` column. */
  ours: string;
}

const MB = 1024 * 1024;

const HEADER = [
  'shape',
  'contender',
  'build ms',
  '1st run ms',
  'warm µs/node',
  'best',
  '± %',
  '× raw',
  '× ours',
  'peak MB',
  'runs',
];

/** The results table, one row per (shape, contender), grouped by shape. */
export function renderTable(rows: readonly Measurement[], names: ReportNames): string {
  const cells = rows.map((row) => {
    const find = (name: string) =>
      rows.find((other) => other.shape === row.shape && other.contender === name);
    if (row.skipped)
      return [row.shape.name, row.contender, '', '', row.skipped, '', '', '', '', '', ''];
    return [
      row.shape.name,
      row.contender,
      fixed(row.buildMs),
      fixed(row.firstRunMs),
      significant(row.usPerNode),
      significant(best(row)),
      spread(row),
      ratio(row.usPerNode, find(names.baseline)?.usPerNode),
      ratio(row.usPerNode, find(names.ours)?.usPerNode),
      row.peakBytes === undefined ? '' : (row.peakBytes / MB).toFixed(1),
      row.note ?? runsLabel(row),
    ];
  });
  return alignedTable(HEADER, 2, cells);
}

/**
 * A markdown table padded the way Prettier formats one, so that the committed results.md passes
 * `prettier --check` as written. Columns from `firstRight` on are right-aligned (numbers).
 */
function alignedTable(header: string[], firstRight: number, rows: string[][]): string {
  const width = (text: string) => [...text].length;
  const widths = header.map((title, c) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[c]!))),
  );
  const pad = (text: string, c: number) => {
    const fill = ' '.repeat(widths[c]! - width(text));
    return c >= firstRight ? fill + text : text + fill;
  };
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = widths.map((w, c) => (c >= firstRight ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The targets, checked against the `ours` rows: printed, never asserted. */
export function renderTargets(rows: readonly Measurement[], names: ReportNames): string {
  const ours = rows.filter((row) => row.contender === names.ours && !row.skipped);
  const lines = ['Per node, events and metrics on — target ≤ 2 µs per node (warm median):', ''];
  for (const row of ours) {
    lines.push(
      `- ${row.shape.name}: median ${significant(row.usPerNode)} µs — ${verdict(row.usPerNode! <= 2)}` +
        ` (best sample ${significant(best(row))} µs)`,
    );
  }
  lines.push('', 'Scale — target under 1 s and under 300 MB:', '');
  for (const row of ours.filter((r) => r.shape.size >= 100_000)) {
    const coldMs = row.buildMs! + row.firstRunMs!;
    const mb = row.peakBytes! / MB;
    lines.push(
      `- ${row.shape.name}: warm run ${fixed(row.medianMs)} ms — ${verdict(row.medianMs! < 1000)}; ` +
        `build + first run (incl. compile) ${fixed(coldMs)} ms — ${verdict(coldMs < 1000)}; ` +
        `peak ${mb.toFixed(1)} MB heap over the pre-build baseline — ${verdict(mb < 300)} ` +
        `(process RSS peaked at ${(row.peakRss! / MB).toFixed(0)} MB)`,
    );
  }
  return lines.join('\n');
}

/** The fastest sample, per node: other processes on the machine can only add time. */
function best(row: Measurement): number | undefined {
  const samples = row.samplesMs ?? [];
  return samples.length < 2 ? undefined : (Math.min(...samples) * 1000) / row.shape.size;
}

/** Half the samples' min–max range, in % of the median: how much to trust the digits. */
function spread(row: Measurement): string {
  const samples = row.samplesMs ?? [];
  if (samples.length < 2 || !row.medianMs) return '';
  return ((50 * (Math.max(...samples) - Math.min(...samples))) / row.medianMs).toFixed(0);
}

function runsLabel(row: Measurement): string {
  const samples = row.samplesMs?.length ?? 0;
  const runs = row.runs ?? 0;
  return runs === samples ? String(runs) : `${runs} (${samples} × ${runs / samples})`;
}

function verdict(met: boolean): string {
  return met ? '**met**' : '**missed**';
}

function ratio(value: number | undefined, reference: number | undefined): string {
  if (value === undefined || reference === undefined || reference === 0) return '';
  const r = value / reference;
  return `${r >= 100 ? Math.round(r).toLocaleString('en-US') : r.toFixed(2)}×`;
}

function fixed(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toFixed(1);
}

function significant(value: number | undefined): string {
  if (value === undefined) return '';
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(3);
}
