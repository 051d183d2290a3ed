import { spawn, type ChildProcess } from 'node:child_process';

/** How a spawned process ended: an exit code or signal, or an error before it could start. */
export type ProcessEnd = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

/** A child process the tests own: its output tail for error messages, its end, and a stop. */
export interface OwnedProcess {
  readonly child: ChildProcess;
  /** Settles once the process has ended (never rejects). */
  readonly ended: Promise<ProcessEnd>;
  /** The last few kilobytes of stdout and stderr together. */
  outputTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has ended. */
  stop(graceMs: number): Promise<void>;
}

const TAIL_CHARS = 8_000;

/**
 * Spawns `command` with piped output (drained, so a chatty process never blocks on a full pipe)
 * and makes sure it cannot outlive the test process.
 */
export function spawnOwnedProcess(command: string, args: readonly string[]): OwnedProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const ended = new Promise<ProcessEnd>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ error }));
  });
  // A test run that ends without calling stop() (a crash, a forgotten afterAll) still kills it.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void ended.then(() => process.removeListener('exit', killOnExit));

  return {
    child,
    ended,
    outputTail: () => tail,
    stop: (graceMs) => stopProcess(child, ended, graceMs),
  };
}

async function stopProcess(
  child: ChildProcess,
  ended: Promise<ProcessEnd>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace-over'>((resolve) => {
    timer = setTimeout(() => resolve('grace-over'), graceMs);
  });
  try {
    if ((await Promise.race([ended, graceOver])) === 'grace-over') child.kill('SIGKILL');
    await ended;
  } finally {
    clearTimeout(timer);
  }
}

/** Describes how a process ended, for error messages. */
export function describeEnd(end: ProcessEnd): string {
  if ('error' in end) return `could not be started (${end.error.message})`;
  return end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
}
