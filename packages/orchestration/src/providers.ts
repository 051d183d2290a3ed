import type { Chain, ChainOptions, ChainStep } from './chain.js';
import { OrchestratorError } from './errors.js';
import type { Graph, GraphOptions } from './graph/index.js';
import type { HealthCheckResult } from './health.js';
import type { ExecutionKind } from './telemetry.js';
import type { Workflow, WorkflowFunction, WorkflowOptions } from './workflow.js';

/** A provider may say whether it can serve (a Temporal provider: is the cluster reachable?). */
export interface ProviderHealth {
  check?(): HealthCheckResult | Promise<HealthCheckResult>;
}

/** Makes chains. The built-in `local` one is `createChain`. */
export interface ChainProvider extends ProviderHealth {
  create(steps: readonly ChainStep[], options: ChainOptions): Chain;
}

/** Makes graphs. The built-in `local` one is `createGraph` (the in-process concurrent executor). */
export interface GraphProvider extends ProviderHealth {
  create(options: GraphOptions): Graph;
}

/** Makes workflows. The built-in `local` one runs them in-process; Temporal's durably. */
export interface WorkflowProvider extends ProviderHealth {
  create<I, O>(fn: WorkflowFunction<I, O>, options: WorkflowOptions): Workflow<I, O>;
}

type AnyProvider = ChainProvider | GraphProvider | WorkflowProvider;

/** What `register*Provider` accepts: a provider, or just its factory function. */
export type ProviderInput<P extends AnyProvider> = P | P['create'];

const TITLES: Record<ExecutionKind, string> = {
  chain: 'Chain',
  graph: 'Graph',
  workflow: 'Workflow',
};

/** The providers of one kind, by name. */
export class ProviderRegistry<P extends AnyProvider> {
  private readonly providers = new Map<string, P>();

  constructor(readonly kind: ExecutionKind) {}

  /** Adds a provider; a name is taken once (INVALID_STATE on a second registration). */
  register(name: string, input: ProviderInput<P>): void {
    const op = `register${TITLES[this.kind]}Provider`;
    if (typeof name !== 'string' || name.trim() === '') {
      const message = 'A provider name must be a non-empty string';
      throw new OrchestratorError({ code: 'INVALID_CONFIG', op, message, field: 'name' });
    }
    if (this.providers.has(name)) {
      const message = `A ${this.kind} provider named "${name}" is already registered`;
      throw new OrchestratorError({ code: 'INVALID_STATE', op, message, field: 'name' });
    }
    this.providers.set(name, toProvider<P>(input, op));
  }

  /** The provider named `name`; NOT_FOUND naming it and listing those registered. */
  get(name: string): P {
    const provider = this.providers.get(name);
    if (provider) return provider;
    const available = this.names();
    const message = `No ${this.kind} provider named "${name}" (registered: ${available.join(', ') || 'none'})`;
    throw new OrchestratorError({
      code: 'NOT_FOUND',
      op: `create${TITLES[this.kind]}`,
      message,
      field: 'provider',
      details: { provider: name, available },
    });
  }

  has(name: string): boolean {
    return this.providers.has(name);
  }

  names(): string[] {
    return [...this.providers.keys()];
  }

  entries(): [string, P][] {
    return [...this.providers.entries()];
  }
}

function toProvider<P extends AnyProvider>(input: ProviderInput<P>, op: string): P {
  if (typeof input === 'function') return { create: input } as P;
  if (typeof input === 'object' && input !== null && typeof input.create === 'function')
    return input;
  const message = 'A provider must be a factory function or an object with create()';
  throw new OrchestratorError({ code: 'INVALID_CONFIG', op, message, field: 'provider' });
}
