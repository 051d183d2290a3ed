import type { ApprovalDecision } from '@beluga/nodes';
import { parseArgs } from 'node:util';
import { CliError, EXIT } from './exitCodes.js';
import type { ConfigOverride } from './runCommand.js';

export const USAGE = `Usage:
  beluga validate <graph.json> [--json]
  beluga run <graph.json> [--input <json> | --input-file <file>] [options]
  beluga run --server <url> [--token <key>] <graph-id> [options]
  beluga run <share-link-url> [options]

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
  --server <url>             fetch the graph <graph-id> from this Beluga server, then run it here
  --token <key>              an API token for --server (default: BELUGA_TOKEN)

A share link (https://host/#/shared/<token>) needs no API token: the link is its own key.
Either way the graph runs on this machine, as a file does; the server runs nothing.

Exit codes: 0 ok, 1 run failed, 2 invalid graph, 64 usage, 66 unreadable file or graph,
130 interrupted.
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

/** Where `beluga run` gets its graph: a file, a server (with an API token), or a share link. */
export type GraphLocation =
  | { kind: 'file'; path: string }
  | { kind: 'server'; server: string; graphId: string; token?: string }
  | { kind: 'link'; server: string; token: string };

export interface ParsedRunArgs {
  graph: GraphLocation;
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
    server: { type: 'string' },
    token: { type: 'string' },
  });
  const graph = graphLocation(single(positionals, 'run'), values.server, values.token);
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
    graph,
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

/** A server's base URL: http(s), no query or hash (a token never goes in a URL's path). */
function serverUrl(text: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`${what} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usage(`${what} must be an http or https URL`);
  return url;
}

const base = (url: URL) => `${url.origin}${url.pathname.replace(/\/[^/]*$/, '')}`;

function graphLocation(target: string, server?: string, token?: string): GraphLocation {
  if (server !== undefined) {
    const url = serverUrl(server, '--server');
    return {
      kind: 'server',
      server: `${url.origin}${url.pathname.replace(/\/$/, '')}`,
      graphId: target,
      ...(token === undefined ? {} : { token }),
    };
  }
  if (token !== undefined) throw usage('--token goes with --server <url>');
  if (!/^https?:\/\//i.test(target)) return { kind: 'file', path: target };
  // The link's token is in its hash: #/shared/<token>. It is never echoed back.
  const url = serverUrl(target, 'The share link');
  const linkToken = /^#\/shared\/([^/?#]+)$/.exec(url.hash)?.[1];
  if (!linkToken)
    throw usage('That URL is not a share link: one looks like https://host/#/shared/<token>');
  return { kind: 'link', server: base(url), token: decodeURIComponent(linkToken) };
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
