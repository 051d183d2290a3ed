import { describe, expect, it } from 'vitest';
import { hereSentence, initialsOf, newerSaveText } from './presenceText';

describe('presence text', () => {
  it('makes initials from the first and last words of a name', () => {
    expect(initialsOf('Ana Lopez')).toBe('AL');
    expect(initialsOf('ana')).toBe('A');
    expect(initialsOf('  Jean  Paul  Sartre ')).toBe('JS');
    expect(initialsOf('')).toBe('?');
    expect(initialsOf('Émile Zola')).toBe('ÉZ');
  });

  it('says who is here: one name, then how many others', () => {
    expect(hereSentence([])).toBe('');
    expect(hereSentence(['Ana'])).toBe('Ana is here');
    expect(hereSentence(['Ana', 'Bo'])).toBe('Ana and 1 other are here');
    expect(hereSentence(['Ana', 'Bo', 'Cy'])).toBe('Ana and 2 others are here');
  });

  it('warns that the save will ask only when there are unsaved edits', () => {
    expect(newerSaveText('Ana', 7, true)).toBe(
      'Ana saved version 7 — your save will ask before overwriting',
    );
    expect(newerSaveText('Ana', 7, false)).toBe('Ana saved version 7');
  });
});
