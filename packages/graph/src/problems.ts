/** A problem found while reading a document, with where it is (a JSON path such as `nodes.3.id`). */
export interface DocumentProblem {
  code:
    | 'DOCUMENT_TOO_LARGE'
    | 'DOCUMENT_MALFORMED'
    | 'DOCUMENT_TOO_DEEP'
    | 'FORBIDDEN_KEY'
    | 'UNKNOWN_FORMAT'
    | 'MIGRATION_FAILED'
    | 'SCHEMA_MISMATCH';
  message: string;
  path: string;
}

export type ImportResult<T> =
  { ok: true; document: T; migratedFrom?: string } | { ok: false; problems: DocumentProblem[] };

export function problemAt(
  code: DocumentProblem['code'],
  path: (string | number)[],
  message: string,
): DocumentProblem {
  return { code, message, path: path.map(String).join('.') };
}
