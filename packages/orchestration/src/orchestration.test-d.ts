import { describe, expectTypeOf, it } from 'vitest';
import { createChain, type Chain } from './chain.js';
import type { RunEvent } from './events.js';
import { createOrchestrator } from './orchestrator.js';
import { runnable } from './runnable.js';
import { createWorkflow, type Workflow } from './workflow.js';

describe('public generics', () => {
  it('createChain accepts typed steps of any input type and is typed by its generics', () => {
    const chain = createChain<number, string>([
      (n: number) => n * 2,
      runnable((n: number) => `${n}`),
    ]);
    expectTypeOf(chain).toEqualTypeOf<Chain<number, string>>();
    expectTypeOf<Parameters<typeof chain.invoke>[0]>().toEqualTypeOf<number>();
    expectTypeOf(chain.invoke(1)).resolves.toEqualTypeOf<string>();
    expectTypeOf(chain.stream(1)).toEqualTypeOf<AsyncIterable<RunEvent>>();
  });

  it('createWorkflow infers its input and output from the function', () => {
    const workflow = createWorkflow((doc: string) => doc.length);
    expectTypeOf(workflow).toEqualTypeOf<Workflow<string, number>>();
    expectTypeOf(workflow.getResult('id')).resolves.toEqualTypeOf<number>();
  });

  it('the orchestrator keeps those types', () => {
    const orchestrator = createOrchestrator();
    expectTypeOf(orchestrator.createChain<string, number>([])).toEqualTypeOf<
      Chain<string, number>
    >();
    expectTypeOf(orchestrator.createWorkflow((n: number) => [n])).toEqualTypeOf<
      Workflow<number, number[]>
    >();
    // @ts-expect-error an unknown option is refused at compile time too
    orchestrator.createChain([], { timeout: 5 });
  });
});
