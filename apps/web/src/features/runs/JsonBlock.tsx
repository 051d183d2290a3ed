/** A JSON value as indented text, scrolling when long. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  const text = value === undefined ? '—' : (JSON.stringify(value, null, 2) ?? '—');
  return (
    <pre
      aria-label={label}
      className="max-h-60 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] leading-snug whitespace-pre-wrap break-all text-slate-800 dark:bg-slate-950 dark:text-slate-200"
    >
      {text}
    </pre>
  );
}

/** A titled part of the run panel. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}
