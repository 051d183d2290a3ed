import type { Contender, Prepared } from './contender.js';
import type { Shape } from './shapes.js';
import { findMismatch, type Expected } from './verify.js';
import { memoryBytes, sampleMemory, setProbe, type Probe } from './workload.js';

/** One contender on one shape. Times in ms, memory in bytes. */
export interface Measurement {
  shape: Shape;
  contender: string;
  skipped?: string;
  /** Building the graph (and compiling it, for LangGraph whose compile() is explicit). */
  buildMs?: number;
  /** The first invoke: includes our compile, which happens then and is cached. */
  firstRunMs?: number;
  /** Per-run time of each sample (a fast contender's sample is a batch of back-to-back runs). */
  samplesMs?: number[];
  /** Runs behind `samplesMs` in all. */
  runs?: number;
  medianMs?: number;
  usPerNode?: number;
  /** Peak of heap used + external during a run, over the heap before the graph was built. */
  peakBytes?: number;
  /** Peak resident set size of the whole process during that run. */
  peakRss?: number;
  note?: string;
}

export interface MeasureOptions {
  /** A slow contender whose first run takes longer than this gets no further runs. */
  slowBudgetMs: number;
  /** Fast contenders: about this much time in timed runs per shape, in 5–15 rounds. */
  fastBudgetMs: number;
}

const SAMPLE_EVERY = 64;
/**
 * A run of a 1,000-node graph takes about a millisecond, too short to time alone: fast contenders
 * are timed in batches of back-to-back runs of at least this long. Timed runs pay for their own
 * garbage collection: no gc() inside a batch.
 */
const BATCH_MS = 30;
/**
 * Untimed runs before each timed batch, on the fresh graph: at least this long. After a major GC
 * with no run in flight, V8 drops our engine's optimized code (the maps of its per-run objects
 * died; `--trace-deopt` says "weak objects") and the next ~10 runs of a 1,000-node graph are 2–5×
 * slower; the raw-Promise and floor contenders have no such objects. Warm runs are measured after.
 */
const WARM_MS = 100;

/**
 * Measures a group of contenders on one shape. First, one contender at a time: build, first run
 * (checked against `expected`; a mismatch throws) and memory. Then the timed runs: fast
 * contenders in interleaved rounds, so that load from other processes on the machine hits them
 * alike; slow ones one warm-up and three runs, or none when their first run was over budget.
 */
export async function measureShape(
  contenders: readonly Contender[],
  shape: Shape,
  expected: Expected,
  options: MeasureOptions,
): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const fast: Sized[] = [];
  for (const contender of contenders) {
    const skipped = contender.skip?.(shape);
    if (skipped) {
      rows.push({ shape, contender: contender.name, skipped });
      continue;
    }
    const cold = await measureCold(contender, shape, expected, options.slowBudgetMs);
    rows.push(cold.row);
    if (!contender.slow) fast.push({ contender, estimateMs: cold.estimateMs });
  }
  const samples = await interleavedSamples(fast, shape, options.fastBudgetMs);
  for (const [i, contender] of contenders.entries()) {
    if (contender.slow && !rows[i]!.skipped && !rows[i]!.note)
      samples.set(contender, await slowSamples(contender.prepare(shape)));
  }
  return rows.map((row, i) => {
    const runs = samples.get(contenders[i]!);
    return runs ? { ...row, ...summarise(shape, runs.samplesMs, runs.runs) } : row;
  });
}

interface Sized {
  contender: Contender;
  /** A warm run's duration, to size the batches. */
  estimateMs: number;
}

/** Build, first run and memory, with only this contender's graph in the heap. */
async function measureCold(
  contender: Contender,
  shape: Shape,
  expected: Expected,
  slowBudgetMs: number,
): Promise<{ row: Measurement; estimateMs: number }> {
  gc();
  const baseBytes = memoryBytes().bytes;
  const buildStart = performance.now();
  const prepared = contender.prepare(shape);
  const buildMs = performance.now() - buildStart;
  // The first run is checked; a slow contender's also samples memory (cheap next to its cost).
  const first = newProbe(shape, contender.slow ? SAMPLE_EVERY : 0, true);
  setProbe(first);
  const firstStart = performance.now();
  const outputs = await prepared.run().finally(() => setProbe(undefined));
  const firstRunMs = performance.now() - firstStart;
  sampleMemory(first);
  const observed = { values: first.values!, calls: first.calls, outputs };
  const problem = findMismatch(expected, observed) ?? prepared.check?.();
  if (problem) throw new Error(`${contender.name} is wrong on ${shape.name}: ${problem}`);
  const row = { shape, contender: contender.name, buildMs, firstRunMs };
  if (contender.slow) {
    const measured = { ...row, ...memoryOf(first, baseBytes) };
    if (firstRunMs <= slowBudgetMs) return { row: measured, estimateMs: firstRunMs };
    // Over budget, the first run is the only one: it is then also the timing.
    const once = { ...summarise(shape, [firstRunMs], 1), note: '1 run (the first)' };
    return { row: { ...measured, ...once }, estimateMs: firstRunMs };
  }
  const memory = await memoryRun(prepared, shape);
  return {
    row: { ...row, ...memoryOf(memory, baseBytes) },
    estimateMs: await fastestOf(3, prepared),
  };
}

interface Samples {
  samplesMs: number[];
  runs: number;
}

/**
 * Rounds of one batch per contender. Each batch gets a fresh graph after a gc(), so that only one
 * contender's graph is in the heap while it is timed (at 100k nodes, the other graphs kept alive
 * would slow every major GC), and untimed runs (WARM_MS) before the timed ones.
 */
async function interleavedSamples(
  contenders: readonly Sized[],
  shape: Shape,
  budgetMs: number,
): Promise<Map<Contender, Samples>> {
  const entries = contenders.map(({ contender, estimateMs }) => ({
    contender,
    estimateMs,
    batch: clamp(Math.ceil(BATCH_MS / estimateMs), 1, 1000),
    warm: clamp(Math.ceil(WARM_MS / estimateMs), 1, 1000),
    samplesMs: [] as number[],
  }));
  const roundMs = entries.reduce((sum, e) => sum + (e.warm + e.batch) * e.estimateMs, 0);
  const rounds = clamp(Math.floor(budgetMs / roundMs), 5, 15) | 1;
  for (let round = 0; round < rounds; round++) {
    for (const entry of entries) {
      gc();
      const prepared = entry.contender.prepare(shape);
      for (let j = 0; j < entry.warm; j++) await prepared.run();
      const start = performance.now();
      for (let j = 0; j < entry.batch; j++) await prepared.run();
      entry.samplesMs.push((performance.now() - start) / entry.batch);
    }
  }
  return new Map(
    entries.map((e) => [e.contender, { samplesMs: e.samplesMs, runs: rounds * e.batch }]),
  );
}

/** The fastest of a few untimed runs: sizes the batches. */
async function fastestOf(count: number, prepared: Prepared): Promise<number> {
  let fastestMs = Infinity;
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await prepared.run();
    fastestMs = Math.min(fastestMs, performance.now() - start);
  }
  return fastestMs;
}

/** One warm-up and three timed runs. */
async function slowSamples(prepared: Prepared): Promise<Samples> {
  await prepared.run();
  const samplesMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await prepared.run();
    samplesMs.push(performance.now() - start);
  }
  return { samplesMs, runs: samplesMs.length };
}

/** A separate run for memory, so that sampling never slows the timed runs. */
async function memoryRun(prepared: Prepared, shape: Shape): Promise<Probe> {
  gc();
  const probe = newProbe(shape, SAMPLE_EVERY, false);
  setProbe(probe);
  try {
    await prepared.run();
    sampleMemory(probe);
    return probe;
  } finally {
    setProbe(undefined);
  }
}

function newProbe(shape: Shape, sampleEvery: number, record: boolean): Probe {
  const probe: Probe = { calls: 0, sampleEvery, peakBytes: 0, peakRss: 0 };
  if (record) probe.values = new Float64Array(shape.size);
  if (sampleEvery > 0) sampleMemory(probe);
  return probe;
}

function summarise(shape: Shape, samplesMs: number[], runs: number) {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const medianMs =
    sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { samplesMs, runs, medianMs, usPerNode: (medianMs * 1000) / shape.size };
}

function memoryOf(probe: Probe, baseBytes: number) {
  return { peakBytes: Math.max(0, probe.peakBytes - baseBytes), peakRss: probe.peakRss };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** `--expose-gc` is in the bench script; without it, runs go on without collecting between. */
function gc(): void {
  globalThis.gc?.();
}
