import type { ApprovalDecision } from '@beluga/nodes';
import { parseArgs } from 'node:util';
import { CliError, EXIT } from './exitCodes.js';
import type { ConfigOverride } from './runCommand.js';

export const USAGE = `Usage:
  beluga validate <graph.json> [--json]
  beluga run <graph.json> [--input <json> | --input-file <file>] [options]

Run options:
  --input <json>             the run input (default {})
  --input-file <file>        read the run input from a JSON file
  --set <node>.<key>=<value> override a node's config for this run (value: JSON, else text)
  --approve <node>[=comment] approve an approval node without asking
  --reject <node>[=comment]  reject an approval node without asking
  --allow-private-network    let http.request and llm.chat reach private and loopback addresses
  --timeout <ms>             fail the run after this long
  --json                     print one JSON result on stdout (no live view)
  --quiet                    no live view

Exit codes: 0 ok, 1 run failed, 2 invalid graph, 64 usage, 66 unreadable file, 130 interrupted.
Credentials: a node's credential "name" is read from BELUGA_CREDENTIAL_NAME.`;

function usage(message: string): CliError {
  return new CliError(`${message}\n\n${USAGE}`, EXIT.usage);
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw usage(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseOverride(text: string): ConfigOverride {
  const match = /^([^=]+)=(.*)$/s.exec(text);
  const [target = '', raw = ''] = match ? [match[1], match[2]] : [];
  const [nodeId = '', ...path] = target.split('.');
  if (!match || nodeId === '' || path.length === 0 || path.some((key) => key === '')) {
    throw usage(`--set "${text}" must look like <node>.<key>=<value>`);
  }
  if (path.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) {
    throw usage(`--set "${text}": "${target}" is not a settable key`);
  }
  let value: unknown = raw;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    // Plain text: `--set draft.model=llama3` needs no quotes.
  }
  return { nodeId, path, value };
}

function parseDecisions(
  values: string[],
  decision: ApprovalDecision['decision'],
  into: Map<string, ApprovalDecision>,
) {
  for (const value of values) {
    const [nodeId = '', ...comment] = value.split('=');
    if (nodeId === '')
      throw usage(`--${decision === 'approved' ? 'approve' : 'reject'} needs a node id`);
    into.set(nodeId, {
      decision,
      by: 'command line',
      ...(comment.length > 0 ? { comment: comment.join('=') } : {}),
    });
  }
}

export interface ParsedRunArgs {
  file: string;
  inputText?: string;
  inputFile?: string;
  overrides: ConfigOverride[];
  answers: Map<string, ApprovalDecision>;
  allowPrivateNetwork: boolean;
  timeoutMs?: number;
  json: boolean;
  quiet: boolean;
}

export function parseRunArgs(args: string[]): ParsedRunArgs {
  const { values, positionals } = parse(args, {
    input: { type: 'string' },
    'input-file': { type: 'string' },
    set: { type: 'string', multiple: true },
    approve: { type: 'string', multiple: true },
    reject: { type: 'string', multiple: true },
    'allow-private-network': { type: 'boolean' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean' },
  });
  const file = single(positionals, 'run');
  if (values.input !== undefined && values['input-file'] !== undefined)
    throw usage('Give --input or --input-file, not both');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= 2_147_483_647)
  )
    throw usage(
      `--timeout must be a positive whole number of milliseconds, got "${values.timeout}"`,
    );
  const answers = new Map<string, ApprovalDecision>();
  parseDecisions(values.approve ?? [], 'approved', answers);
  parseDecisions(values.reject ?? [], 'rejected', answers);
  return {
    file,
    ...(values.input === undefined ? {} : { inputText: values.input }),
    ...(values['input-file'] === undefined ? {} : { inputFile: values['input-file'] }),
    overrides: (values.set ?? []).map(parseOverride),
    answers,
    allowPrivateNetwork: values['allow-private-network'] ?? false,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    json: values.json ?? false,
    quiet: values.quiet ?? false,
  };
}

export function parseValidateArgs(args: string[]): { file: string; json: boolean } {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  return { file: single(positionals, 'validate'), json: values.json ?? false };
}

function single(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw usage(`beluga ${command} takes exactly one graph file`);
  return positionals[0] as string;
}

function parse<const T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message);
  }
}
