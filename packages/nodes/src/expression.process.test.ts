import { type ChildProcess, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeExpressionWorkers, EXPRESSION_LIMITS, evaluateExpression } from './expression.js';
import { expressionProcesses } from './expression/expressionPool.js';

const op = 'node:transform';
const CATASTROPHIC_REGEX = '$match("aaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)';
// Each of these aborted the host when expressions ran on worker threads (nodejs/node#47224).
const BOMBS = [
  '$length($pad("", 400000000))',
  '($a := $pad("", 4000000, "x"); $count([1..40].$split($a, "")))',
  '($a := $pad("", 4000000, "x"); $b := [1..60].$a; $count($b.$substring($, 1)))',
];

afterAll(() => closeExpressionWorkers());

async function busyProcess(): Promise<number> {
  for (;;) {
    const busy = expressionProcesses().find((child) => child.busy);
    if (busy) return busy.pid;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('evaluateExpression in child processes', () => {
  it('fails memory bombs one after another without hurting the host, then works', async () => {
    for (let round = 0; round < 3; round += 1) {
      for (const bomb of BOMBS) {
        const error: unknown = await evaluateExpression(bomb, {}, { op }).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', op, retryable: false });
        await expect(evaluateExpression('$ + 1', 41, { op })).resolves.toBe(42);
      }
    }
  }, 120_000);

  it('names the memory limit when the heap runs out', async () => {
    // 4 MB strings kept alive pass 256 MB in about half the time limit.
    const grow = '($a := $pad("", 4000000, "x"); $count([1..200].$uppercase($a)))';
    // About 0.4 s on a quiet machine, but over 1 s under a loaded test run: give this test's
    // subject, the heap limit, room to be reached before JSONata's own time limit.
    const { timeoutMs } = EXPRESSION_LIMITS;
    EXPRESSION_LIMITS.timeoutMs = 10_000;
    const error: unknown = await evaluateExpression(grow, {}, { op })
      .catch((e: unknown) => e)
      .finally(() => (EXPRESSION_LIMITS.timeoutMs = timeoutMs));
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', retryable: false });
    expect((error as Error).message).toMatch(/memory limit of 256 MB.*heap out of memory/);
    await expect(evaluateExpression('"after"', {}, { op })).resolves.toBe('after');
  }, 30_000);

  it('fails the running evaluation when its process is killed from outside, and recovers', async () => {
    const running = evaluateExpression(CATASTROPHIC_REGEX, {}, { op });
    const pid = await busyProcess();
    process.kill(pid, 'SIGKILL');
    const error: unknown = await running.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED', op, retryable: false });
    expect((error as Error).message).toMatch(/memory limit of 256 MB.*killed by SIGKILL/);
    await expect(evaluateExpression('"again"', {}, { op })).resolves.toBe('again');
    expect(expressionProcesses().map((child) => child.pid)).not.toContain(pid);
  });

  it('runs queued evaluations on fresh processes after the busy ones died', async () => {
    const bombs = [1, 2, 3, 4].map(() =>
      evaluateExpression(BOMBS[1] ?? '', {}, { op }).catch((e: unknown) => e),
    );
    const queued = [1, 2, 3].map((n) => evaluateExpression('$ * 10', n, { op }));
    await expect(Promise.all(queued)).resolves.toEqual([10, 20, 30]);
    for (const error of await Promise.all(bombs)) {
      expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    }
  }, 60_000);

  it('stops a process that ignores its time limit, without blocking the host', async () => {
    const running = evaluateExpression(CATASTROPHIC_REGEX, {}, { op });
    const pid = await busyProcess();
    // A stopped process cannot answer; only the watchdog's kill ends the evaluation.
    process.kill(pid, 'SIGSTOP');
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    const error: unknown = await running.catch((e: unknown) => e);
    clearInterval(timer);
    expect(error).toMatchObject({ code: 'RESOURCE_EXHAUSTED' });
    expect((error as Error).message).toMatch(/time limit of 1000 ms/);
    // The host's own timers kept running while it waited (how many depends on the machine's load).
    expect(ticks).toBeGreaterThan(0);
    await expect(evaluateExpression('1', {}, { op })).resolves.toBe(1);
  }, 30_000);
});

/** Runs a program that uses the pool in a node of its own, so that its exit is the test's. */
async function runProgram(
  body: string,
  onStarted?: (child: ChildProcess) => void,
): Promise<{ stdout: string; code: number | string }> {
  const dir = await mkdtemp(join(tmpdir(), 'beluga-expression-'));
  const source = fileURLToPath(new URL('./expression.ts', import.meta.url));
  const file = join(dir, 'program.mts');
  await writeFile(file, `import * as e from ${JSON.stringify(source)};\n${body}`);
  const args = ['--conditions=@beluga/source', '--import', 'tsx', file];
  try {
    const running = promisify(execFile)(process.execPath, args, { timeout: 20_000 });
    onStarted?.(running.child);
    const { stdout } = await running;
    return { stdout, code: 0 };
  } catch (error) {
    const { stdout, code, signal } = error as { stdout: string; code: number; signal: string };
    return { stdout, code: code ?? signal };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('a program that evaluates expressions', () => {
  it('exits by itself with idle processes, and waits for closing ones', async () => {
    const { stdout, code } = await runProgram(`
      const op = 'program';
      console.log(await e.evaluateExpression('$ + 1', 1, { op }));
      await e.closeExpressionWorkers();
      console.log(await e.evaluateExpression('$ + 1', 2, { op }));
    `);
    expect({ stdout, code }).toEqual({ stdout: '2\n3\n', code: 0 });
  }, 30_000);

  it.skipIf(process.platform !== 'linux')(
    'leaves no process behind when it is killed in the middle of a stall',
    async () => {
      // The program prints its expression process's pid once the stalling evaluation runs on it;
      // the test kills the program then (SIGKILL: no handler of its own runs) and watches the
      // orphan, which its own thread must end within its 500 ms check.
      let orphan = 0;
      const { code } = await runProgram(
        `
        const { expressionProcesses } = await import(${JSON.stringify(fileURLToPath(new URL('./expression/expressionPool.ts', import.meta.url)))});
        void e.evaluateExpression(${JSON.stringify(`$match("${'a'.repeat(40)}!", /(a+)+$/)`)}, {}, { op: 'p' });
        const poll = setInterval(() => {
          const busy = expressionProcesses().find((child) => child.busy);
          if (busy) { clearInterval(poll); console.log(busy.pid); }
        }, 10);
      `,
        (child) => {
          let out = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (!out.includes('\n') || orphan !== 0) return;
            orphan = Number(out.trim());
            child.kill('SIGKILL');
          });
        },
      );
      expect(code).toBe('SIGKILL');
      expect(orphan).toBeGreaterThan(0);
      await vi.waitFor(() => expect(isRunning(orphan)).toBe(false), {
        timeout: 10_000,
        interval: 50,
      });
    },
    40_000,
  );
});

/** Whether a process runs; one that ended but nobody reaped (a zombie under PID 1) does not. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
