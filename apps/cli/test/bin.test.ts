import { exampleGraphs } from '@beluga/nodes';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The `beluga` binary from source, as `pnpm --filter @beluga/cli beluga` runs it. */
function beluga(args: string[], onStderr?: (text: string, kill: () => void) => void) {
  const child = spawn(
    process.execPath,
    ['--conditions=@beluga/source', '--import', 'tsx', 'src/main.ts', ...args],
    { cwd: CLI_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr, () => child.kill('SIGINT'));
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the beluga binary', () => {
  it('validates an example and exits 0', async () => {
    const result = await beluga(['validate', exampleGraphs()[0]?.path ?? '']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ valid');
  });

  it('stops a run on Ctrl-C, reports it cancelled and exits 130', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'beluga-bin-'));
    dirs.push(dir);
    const file = join(dir, 'slow.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'beluga.graph/v1',
        id: 'slow',
        name: 'Slow',
        nodes: [
          { id: 'in', type: 'input', position: { x: 0, y: 0 } },
          { id: 'wait', type: 'delay', position: { x: 0, y: 0 }, config: { ms: 3_600_000 } },
          { id: 'out', type: 'output', position: { x: 0, y: 0 } },
        ],
        edges: [
          { id: 'a', source: 'in', target: 'wait' },
          { id: 'b', source: 'wait', target: 'out' },
        ],
      }),
    );
    let interrupted = false;
    const result = await beluga(['run', file], (stderr, kill) => {
      if (!interrupted && /◐ wait +delay +running/.test(stderr)) {
        interrupted = true;
        kill();
      }
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/✗ run cancelled after \d+ ms/);
    expect(result.stdout).toBe('');
  });
});
