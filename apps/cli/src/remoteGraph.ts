import { importGraphDocument, type GraphDocument } from '@beluga/graph';
import type { GraphResolver } from '@beluga/nodes';
import type { GraphLocation } from './args.js';
import { CliError, EXIT } from './exitCodes.js';
import type { GraphSource } from './graphSource.js';

type Remote = Exclude<GraphLocation, { kind: 'file' }>;

/** What a tRPC answer over HTTP carries: `result.data`, or an error with our code. */
interface TrpcAnswer {
  result?: { data?: unknown };
  error?: { message?: string; data?: { code?: string } };
}

/** What a refusal means, by tRPC code, for each way of fetching. */
const TOKEN_REFUSALS: Record<string, string> = {
  UNAUTHORIZED: 'the server did not accept the API token',
  FORBIDDEN: 'the token’s account may not read this graph',
  NOT_FOUND: 'no such graph (or the token’s account cannot see it)',
};
const LINK_REFUSALS: Record<string, string> = {
  NOT_FOUND: 'this share link is not valid (it may have been revoked)',
};

interface QueryOptions {
  apiToken?: string;
  refusals: Record<string, string>;
}

/**
 * Calls a query of the server's tRPC API over plain HTTP. Errors name the server and the
 * procedure, never the token (neither the API token nor a link's).
 */
async function query(remote: Remote, path: string, input: unknown, options: QueryOptions) {
  const url = `${remote.server}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: options.apiToken ? { authorization: `Bearer ${options.apiToken}` } : {},
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CliError(
      `Cannot reach ${remote.server}: ${cause ?? (error as Error).message}`,
      EXIT.noInput,
    );
  }
  const answer = (await response.json().catch(() => ({}))) as TrpcAnswer;
  if (response.ok && answer.result) return answer.result.data;
  const code = answer.error?.data?.code ?? `HTTP ${response.status}`;
  throw new CliError(
    `${remote.server} refused ${path}: ${options.refusals[code] ?? answer.error?.message ?? code}`,
    EXIT.noInput,
  );
}

/** The document of a saved graph, as `graphs.export` writes it. */
async function exportedGraph(remote: Remote & { kind: 'server' }, graphId: string) {
  const data = (await query(
    remote,
    'graphs.export',
    { id: graphId },
    { ...(remote.token ? { apiToken: remote.token } : {}), refusals: TOKEN_REFUSALS },
  )) as { json: string };
  return data.json;
}

function documentOf(text: string, ref: string): GraphDocument {
  const result = importGraphDocument(text);
  if (result.ok) return result.document;
  const first = result.problems[0];
  throw new Error(
    `Subgraph "${ref}" is not a valid graph document: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? ''}`,
  );
}

/**
 * A graph fetched from a Beluga server, to run here: with an API token, any graph its account
 * can read (and its subgraphs, by id); with a share link, the linked graph only.
 */
export function remoteGraph(remote: Remote): GraphSource {
  if (remote.kind === 'server') {
    if (!remote.token)
      throw new CliError(
        '--server needs an API token: pass --token <key> or set BELUGA_TOKEN',
        EXIT.usage,
      );
    const resolveGraph: GraphResolver = async (ref) =>
      documentOf(await exportedGraph(remote, ref), ref);
    return {
      label: `graph ${remote.graphId} on ${remote.server}`,
      load: async () => importGraphDocument(await exportedGraph(remote, remote.graphId)),
      resolveGraph,
    };
  }
  return {
    label: `shared graph on ${remote.server}`,
    load: async () => {
      const view = (await query(
        remote,
        'shared.view',
        { token: remote.token },
        { refusals: LINK_REFUSALS },
      )) as { document: unknown };
      return importGraphDocument(view.document);
    },
    resolveGraph: (ref) =>
      Promise.reject(new Error(`Subgraph "${ref}" cannot be fetched through a share link`)),
  };
}
