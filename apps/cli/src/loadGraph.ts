import { importGraphDocument, type DocumentProblem, type GraphDocument } from '@beluga/graph';
import type { GraphResolver } from '@beluga/nodes';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError, EXIT } from './exitCodes.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

export type LoadResult =
  | { ok: true; document: GraphDocument; migratedFrom?: string }
  | { ok: false; problems: DocumentProblem[] };

/** Reads a file as text, refusing what is missing, not a file, or too large to be a graph. */
export async function readTextFile(path: string, what: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`${what} "${path}" is not a file`, EXIT.noInput);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot read ${what} "${path}": ${(error as Error).message}`, EXIT.noInput);
  }
  if (size > MAX_FILE_BYTES) {
    throw new CliError(
      `${what} "${path}" is ${size} bytes; the limit is ${MAX_FILE_BYTES}`,
      EXIT.invalid,
    );
  }
  return readFile(path, 'utf8');
}

/** Imports a graph document file: size, JSON, format (with migrations) and schema checks. */
export async function loadGraph(path: string): Promise<LoadResult> {
  return importGraphDocument(await readTextFile(path, 'graph file'));
}

/**
 * Subgraph references are paths relative to the file that refers to them (the top graph's file
 * for the first level, and so on down).
 */
export function fileResolver(topFile: string): GraphResolver {
  return async (ref, { from }) => {
    const base = from.reduce((dir, file) => dirname(resolve(dir, file)), dirname(resolve(topFile)));
    const path = resolve(base, ref);
    const result = await loadGraph(path);
    if (!result.ok) {
      const first = result.problems[0];
      throw new Error(
        `Subgraph "${ref}" is not a valid graph document: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? ''}`,
      );
    }
    return result.document;
  };
}
