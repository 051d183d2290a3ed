import type { GraphResolver } from '@beluga/nodes';
import type { GraphLocation } from './args.js';
import { fileResolver, loadGraph, type LoadResult } from './loadGraph.js';
import { remoteGraph } from './remoteGraph.js';

/** Where a run's graph comes from: how to load it and how to find its subgraphs. */
export interface GraphSource {
  /** For messages: a file's path, or which server (never a token). */
  label: string;
  load(): Promise<LoadResult>;
  resolveGraph: GraphResolver;
}

/** A file, or a graph fetched from a server; `apiToken` is the fallback for --token. */
export function graphSource(location: GraphLocation, apiToken?: string): GraphSource {
  if (location.kind === 'file')
    return {
      label: location.path,
      load: () => loadGraph(location.path),
      resolveGraph: fileResolver(location.path),
    };
  if (location.kind === 'server' && location.token === undefined && apiToken)
    return remoteGraph({ ...location, token: apiToken });
  return remoteGraph(location);
}
