/**
 * The work every node does, shared by all contenders so that their results can be compared:
 * a small integer derived from the node's index and the sum of its inputs. It is cheap on
 * purpose — the bench measures the orchestration overhead, not the work.
 */
export const RUN_INPUT = 1;
const MODULUS = 1_000_003;

/** Observes node calls during the verification and memory runs; undefined while timing. */
export interface Probe {
  /** Every node's value, by index (verification). */
  values?: Float64Array;
  calls: number;
  /** Sample memory every `sampleEvery` calls (0: never). */
  sampleEvery: number;
  peakBytes: number;
  peakRss: number;
}

let probe: Probe | undefined;

export function setProbe(next: Probe | undefined): void {
  probe = next;
}

/** Heap in use (live objects plus garbage not yet collected) plus off-heap ArrayBuffers. */
export function memoryBytes(): { bytes: number; rss: number } {
  const usage = process.memoryUsage();
  return { bytes: usage.heapUsed + usage.external, rss: usage.rss };
}

export function sampleMemory(target: Probe): void {
  const { bytes, rss } = memoryBytes();
  if (bytes > target.peakBytes) target.peakBytes = bytes;
  if (rss > target.peakRss) target.peakRss = rss;
}

/** A node's value. Entry nodes get the run input as `inputSum`. */
export function nodeValue(node: number, inputSum: number): number {
  const value = (inputSum * 31 + node) % MODULUS;
  if (probe !== undefined) observe(probe, node, value);
  return value;
}

function observe(target: Probe, node: number, value: number): void {
  if (target.values) target.values[node] = value;
  target.calls++;
  if (target.sampleEvery > 0 && target.calls % target.sampleEvery === 0) sampleMemory(target);
}
