/** `base` if free, else `base-2`, `base-3`… — ids stay readable in exported documents. */
// eslint-disable-next-line no-control-regex -- ids refuse control characters (IdSchema)
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(CONTROL, '').slice(0, 180) || 'node';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
