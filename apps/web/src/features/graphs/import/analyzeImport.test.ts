import { describe, expect, it } from 'vitest';
import { documentProblemRow, validationProblemRow } from './analyzeImport';

describe('import report rows', () => {
  it('place a document problem at its JSON path, or at the whole document', () => {
    expect(
      documentProblemRow({
        code: 'SCHEMA_MISMATCH',
        message: 'Expected number',
        path: 'nodes.0.x',
      }),
    ).toEqual({ code: 'SCHEMA_MISMATCH', message: 'Expected number', place: 'nodes.0.x' });
    expect(documentProblemRow({ code: 'DOCUMENT_MALFORMED', message: 'Bad', path: '' }).place).toBe(
      '(document)',
    );
  });

  it('place a validation problem at its node, edge, field and cycle', () => {
    expect(
      validationProblemRow({
        code: 'INVALID_CONFIG',
        message: 'url is required',
        nodeId: 'fetch',
        field: 'config.url',
      }).place,
    ).toBe('node fetch · config.url');
    expect(
      validationProblemRow({ code: 'CYCLE', message: 'Cycle', path: ['a', 'b', 'a'] }).place,
    ).toBe('a → b → a');
    expect(validationProblemRow({ code: 'NO_OUTPUT', message: 'No output' })).toEqual({
      code: 'NO_OUTPUT',
      message: 'No output',
    });
  });
});
