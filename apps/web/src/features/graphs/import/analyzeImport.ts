import {
  importGraphDocument,
  type DocumentProblem,
  type GraphDocument,
  type ValidationResult,
} from '@beluga/graph';
import { api, errorInfo } from '../../../lib/trpc';

/** A problem of a document as the report lists it: a code, where, and what. */
export interface ReportProblem {
  code: string;
  message: string;
  /** A JSON path (`nodes.2.id`) or what the problem points at (`node fetch · config.url`). */
  place?: string;
}

export type ImportAnalysis =
  | { ok: false; problems: ReportProblem[] }
  | { ok: true; document: GraphDocument; migratedFrom?: string; validation: ValidationResult };

export function documentProblemRow(problem: DocumentProblem): ReportProblem {
  return { code: problem.code, message: problem.message, place: problem.path || '(document)' };
}

export function validationProblemRow(problem: ValidationResult['problems'][number]): ReportProblem {
  const place = [
    problem.nodeId && `node ${problem.nodeId}`,
    problem.edgeId && `edge ${problem.edgeId}`,
    problem.field,
    problem.path && problem.path.join(' → '),
  ]
    .filter(Boolean)
    .join(' · ');
  return { code: problem.code, message: problem.message, ...(place ? { place } : {}) };
}

/** Problems the server sends back when it refuses a document (INVALID_DOCUMENT and friends). */
function refusalRows(error: unknown): ReportProblem[] {
  const info = errorInfo(error);
  const listed = info.details?.problems;
  if (Array.isArray(listed) && listed.length > 0) {
    return (listed as DocumentProblem[]).map(documentProblemRow);
  }
  return [
    {
      code: info.errorCode ?? 'ERROR',
      message: info.message,
      ...(info.field ? { place: info.field } : {}),
    },
  ];
}

/**
 * Reads JSON text with the format's import rules in the browser, then asks the server to
 * validate it against the node catalog; saves nothing.
 */
export async function analyzeImport(text: string): Promise<ImportAnalysis> {
  const read = importGraphDocument(text);
  if (!read.ok) return { ok: false, problems: read.problems.map(documentProblemRow) };
  let validation: ValidationResult;
  try {
    validation = await api.validate.mutate({ document: read.document });
  } catch (error) {
    return { ok: false, problems: refusalRows(error) };
  }
  return {
    ok: true,
    document: read.document,
    ...(read.migratedFrom ? { migratedFrom: read.migratedFrom } : {}),
    validation,
  };
}
