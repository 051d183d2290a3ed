import type { RouterOutputs } from '@beluga/api';
import type { CompareSide } from './compareStore';

type VersionItem = RouterOutputs['versions']['list'][number];

const MESSAGE_CHARS = 32;

function optionText(item: VersionItem): string {
  const message =
    item.message.length > MESSAGE_CHARS
      ? `${item.message.slice(0, MESSAGE_CHARS - 1)}…`
      : item.message;
  return message ? `v${item.version} · ${message}` : `v${item.version}`;
}

export interface VersionSelectProps {
  label: string;
  value: CompareSide;
  versions: readonly VersionItem[];
  /** Offer the canvas with its unsaved edits as a side. */
  withUnsaved: boolean;
  onChange: (side: CompareSide) => void;
}

/** One side of the comparison: any stored version, or the unsaved canvas. */
export function VersionSelect({
  label,
  value,
  versions,
  withUnsaved,
  onChange,
}: VersionSelectProps) {
  const listed = versions.some((item) => item.version === value);
  return (
    <select
      aria-label={label}
      value={String(value)}
      onChange={(event) => {
        const next = event.target.value;
        onChange(next === 'unsaved' ? 'unsaved' : Number(next));
      }}
      className="h-7 w-40 rounded-md border border-slate-300 bg-white px-1.5 text-xs dark:border-slate-700 dark:bg-slate-900"
    >
      {(withUnsaved || value === 'unsaved') && <option value="unsaved">Unsaved canvas</option>}
      {/* Before the list has loaded, the chosen version still shows. */}
      {!listed && value !== 'unsaved' && <option value={String(value)}>v{value}</option>}
      {versions.map((item) => (
        <option key={item.version} value={String(item.version)}>
          {optionText(item)}
        </option>
      ))}
    </select>
  );
}
