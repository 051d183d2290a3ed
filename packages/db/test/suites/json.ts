import type { RunEvent } from '@beluga/orchestration';
import { expect, it } from 'vitest';
import type { Database } from '../../src/index.js';
import { makeDocument, runInput, TEST_WORKSPACE, uniqueId } from '../fixtures.js';

/** Values that JSON allows and jsonb is picky about (U+0000) or drivers mangle ("42"). */
export const trickyValues = {
  numbers: [0, -1, 1.5, 1.0000000000000002, 2 ** 53 - 1, -(2 ** 53) + 1, 1e300, -2.5e-300, 5e-324],
  unicode: 'żółw 🐢 مرحبا e\u0301 \u2028 \uFFFF \uFDD0 \uFDD0\uFDD0 \uE000',
  nul: 'a\u0000b\u0000',
  [`key with nul \u0000 and \uFDD0`]: { nested: [[[{ deep: '\u0000' }]]] },
  backslashes: '\\u0000 is not a NUL, \\\\u0000 neither, "quoted" \\',
  jsonLooking: ['42', 'true', 'null', '{"a":1}', '"x"'],
  empty: { object: {}, array: [], string: '' },
  flags: [true, false, null],
};

/** JSON round trips, on every column that stores JSON. */
export function jsonTests(database: () => Database): void {
  it('round-trips tricky JSON in graph documents', async () => {
    const db = database();
    const id = uniqueId('graph');
    const document = makeDocument(id, 2, { tricky: trickyValues });
    await db.graphs.create({
      id,
      workspaceId: TEST_WORKSPACE,
      name: 'json',
      description: '',
      document,
      author: 'u',
    });
    expect((await db.graphs.get(id))?.document).toEqual(document);
    expect((await db.graphs.getVersion(id, 1))?.document).toEqual(document);
  });

  it('round-trips tricky JSON in run input, output and events', async () => {
    const db = database();
    const run = await db.runs.create(runInput({ input: trickyValues }));
    expect((await db.runs.get(run.id))?.input).toEqual(trickyValues);
    for (const output of ['42', '\u0000', 7, null, [trickyValues]]) {
      const other = await db.runs.create(runInput());
      await db.runs.finish(other.id, { status: 'succeeded', output });
      expect((await db.runs.get(other.id))?.output).toEqual(output);
    }
    const events: RunEvent[] = [trickyValues, '42', '\u0000', 0, null, [1, '2']].map((data, i) => ({
      type: 'node.progress',
      runId: run.id,
      seq: i + 1,
      ts: 1_700_000_000_000,
      nodeId: `node \u0000 ${i}`,
      data,
    }));
    await db.events.append(events);
    expect(await db.events.list(run.id)).toEqual(events);
  });
}
