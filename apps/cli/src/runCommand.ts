import { compile, validate, type GraphDocument } from '@beluga/graph';
import { createNodeRegistry, type ApprovalGate } from '@beluga/nodes';
import { isOrchestratorError, toError } from '@beluga/orchestration';
import { randomUUID } from 'node:crypto';
import { CliError, EXIT, type ExitCode } from './exitCodes.js';
import { RunStates } from './liveView.js';
import type { GraphSource } from './graphSource.js';
import type { Renderer } from './renderers.js';
import type { Output } from './validateCommand.js';
import { printProblems } from './validateCommand.js';

/** `--set node.key=value`: a config value overridden for this run only. */
export interface ConfigOverride {
  nodeId: string;
  path: string[];
  value: unknown;
}

export interface RunCommandOptions {
  /** A file, or a graph fetched from a server. */
  source: GraphSource;
  input: unknown;
  json: boolean;
  overrides: ConfigOverride[];
  approvals: ApprovalGate;
  allowPrivateNetwork: boolean;
  credential: (name: string) => string | undefined;
  timeoutMs?: number;
  signal: AbortSignal;
  renderer: (states: RunStates) => Renderer;
}

function applyOverrides(document: GraphDocument, overrides: readonly ConfigOverride[]): void {
  for (const { nodeId, path, value } of overrides) {
    const node = document.nodes.find((candidate) => candidate.id === nodeId);
    if (!node) throw new CliError(`--set: the graph has no node "${nodeId}"`, EXIT.usage);
    let target: Record<string, unknown> = node.config;
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(target, key) ? target[key] : undefined;
      target[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = value;
  }
}

function summary(states: RunStates) {
  return Object.fromEntries(
    [...states.nodes].map(([id, { state, attempt, durationMs, error }]) => [
      id,
      {
        state,
        attempts: attempt,
        ...(durationMs === undefined ? {} : { durationMs }),
        ...(error ? { error } : {}),
      },
    ]),
  );
}

/** `beluga run <file>`: validates, runs on the local executor with live states, prints the output. */
export async function runCommand(options: RunCommandOptions, output: Output): Promise<ExitCode> {
  const loaded = await options.source.load();
  const report = (status: string, fields: Record<string, unknown>) =>
    output.out(JSON.stringify({ status, ...fields }, null, 2));
  if (!loaded.ok) {
    if (options.json) report('invalid', { problems: loaded.problems });
    else printProblems(loaded.problems, output.err, output.paint);
    return EXIT.invalid;
  }
  const { document } = loaded;
  applyOverrides(document, options.overrides);
  const registry = createNodeRegistry({
    network: { allowPrivateNetworks: options.allowPrivateNetwork },
    approvals: options.approvals,
    resolveCredential: options.credential,
    resolveGraph: options.source.resolveGraph,
  });
  const { problems } = validate(document, registry);
  if (problems.length > 0) {
    if (options.json) report('invalid', { problems });
    else printProblems(problems, output.err, output.paint);
    return EXIT.invalid;
  }
  const states = new RunStates(document);
  const renderer = options.renderer(states);
  const runId = randomUUID();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const result = await compile(document, registry).invoke(options.input, {
      runId,
      signal: options.signal,
      onEvent: (event) => renderer.event(event),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    renderer.finish();
    if (options.json)
      report('succeeded', { runId, output: result, durationMs: elapsed(), nodes: summary(states) });
    else {
      output.err(output.paint('green', `✓ run succeeded in ${elapsed()} ms`));
      output.out(JSON.stringify(result, null, 2));
    }
    return EXIT.ok;
  } catch (caught) {
    renderer.finish();
    const error = toError(caught);
    const interrupted = options.signal.aborted;
    const code = isOrchestratorError(error) ? error.code : 'EXECUTION_FAILED';
    const status = interrupted ? 'cancelled' : 'failed';
    if (options.json) {
      report(status, {
        runId,
        error: { code, message: error.message },
        durationMs: elapsed(),
        nodes: summary(states),
      });
    } else {
      output.err(
        output.paint('red', `✗ run ${status} after ${elapsed()} ms: ${code}: ${error.message}`),
      );
    }
    return interrupted ? EXIT.interrupted : EXIT.runFailed;
  }
}
