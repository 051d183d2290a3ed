import { exampleGraphs } from '@beluga/nodes';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from './runCli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'beluga-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('beluga validate', () => {
  it.each(exampleGraphs().map((example) => [example.file, example.path]))(
    'accepts the example %s and prints its plan',
    async (_, path) => {
      const result = await runCli(['validate', path]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('✓ valid');
      expect(result.stdout).toMatch(/Plan: \d+ parallel layers/);
      expect(result.stdout).toMatch(/Critical path \(≈ \d+ ms\): \S+ → /);
    },
  );

  it('gives scripts the problems and the plan as JSON', async () => {
    const [example] = exampleGraphs();
    const result = jsonOf(await runCli(['validate', example?.path ?? '', '--json']));
    expect(result).toMatchObject({ valid: true, problems: [] });
    const plan = result.plan as { layers: string[][]; criticalPath: string[] };
    expect(plan.layers.flat().sort()).toEqual(
      example?.document.nodes.map((node) => node.id).sort(),
    );
  });

  it('lists every problem of an invalid graph with its code and place, exit code 2', async () => {
    const path = await file(
      'broken.json',
      JSON.stringify({
        format: 'beluga.graph/v1',
        id: 'broken',
        name: 'Broken',
        nodes: [
          { id: 'in', type: 'input', position: { x: 0, y: 0 } },
          { id: 'a', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '$' } },
          { id: 'b', type: 'transform', position: { x: 0, y: 0 }, config: { expression: '$' } },
          { id: 'c', type: 'teleport', position: { x: 0, y: 0 } },
        ],
        edges: [
          { id: 'e1', source: 'a', target: 'b' },
          { id: 'e2', source: 'b', target: 'a' },
        ],
      }),
    );
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('CYCLE');
    expect(result.stdout).toMatch(/UNKNOWN_NODE_TYPE node "c"/);
    expect(result.stdout).toContain('NO_OUTPUT');
    const json = jsonOf(await runCli(['validate', path, '--json']));
    const codes = (json.problems as { code: string }[]).map((problem) => problem.code);
    expect(codes).toEqual(expect.arrayContaining(['CYCLE', 'UNKNOWN_NODE_TYPE', 'NO_OUTPUT']));
  });

  it('reports malformed JSON and forbidden keys as document problems', async () => {
    const malformed = await runCli(['validate', await file('bad.json', '{"format": ')]);
    expect(malformed.code).toBe(2);
    expect(malformed.stdout).toContain('DOCUMENT_MALFORMED');
    const polluted = await runCli([
      'validate',
      await file('proto.json', '{"__proto__": {"x": 1}}'),
    ]);
    expect(polluted.code).toBe(2);
    expect(polluted.stdout).toContain('FORBIDDEN_KEY');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('uses distinct exit codes for a missing file and for wrong usage', async () => {
    const missing = await runCli(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toContain('Cannot read graph file');
    expect((await runCli(['validate'])).code).toBe(64);
    expect((await runCli(['validate', 'a.json', '--frobnicate'])).code).toBe(64);
    const unknown = await runCli(['deploy']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Unknown command "deploy"');
  });
});
