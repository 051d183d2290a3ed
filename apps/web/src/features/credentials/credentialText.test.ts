import { describe, expect, it } from 'vitest';
import { hintLabel, nameProblem, valueProblem } from './credentialText';

describe('credential text', () => {
  it('checks names as the server does', () => {
    for (const name of ['openai', 'github-token', 'a.b_c-1', 'X'])
      expect(nameProblem(name)).toBeUndefined();
    for (const name of ['-lead', 'has space', 'ünï', 'a'.repeat(101)])
      expect(nameProblem(name)).toMatch(/^Use letters/);
  });

  it('checks values as the server does, saying nothing while empty', () => {
    expect(valueProblem('')).toBeUndefined();
    expect(valueProblem('sk-12345')).toBeUndefined();
    expect(valueProblem('short')).toBe('At least 8 characters');
    expect(valueProblem('tab\there!')).toMatch(/^Printable ASCII/);
    expect(valueProblem(' padded-value')).toBe('No spaces at the start or end');
  });

  it('shows a hint as its start, and a dash for none', () => {
    expect(hintLabel('sk-p')).toBe('sk-p…');
    expect(hintLabel('')).toBe('—');
  });
});
