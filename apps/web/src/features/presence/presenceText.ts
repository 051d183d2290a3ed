/** "Ana Lopez" → "AL", "ana" → "A": what an avatar shows. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.slice(0, 1);
  return letters.map((word) => [...(word ?? '')][0]?.toUpperCase() ?? '').join('') || '?';
}

/** "Ana is here", "Ana and 1 other are here", "Ana and 2 others are here". */
export function hereSentence(names: readonly string[]): string {
  const [first, ...rest] = names;
  if (first === undefined) return '';
  if (rest.length === 0) return `${first} is here`;
  return `${first} and ${rest.length} ${rest.length === 1 ? 'other' : 'others'} are here`;
}

/** The banner when someone else saved a version newer than the one being edited. */
export function newerSaveText(name: string, version: number, dirty: boolean): string {
  return dirty
    ? `${name} saved version ${version} — your save will ask before overwriting`
    : `${name} saved version ${version}`;
}
