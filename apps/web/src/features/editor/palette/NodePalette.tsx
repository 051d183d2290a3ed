import { Search } from 'lucide-react';
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useComparing } from '../../history/compareStore';
import { NodeIcon } from '../catalog/NodeIcon';
import type { NodeTypeInfo } from '../model/catalogTypes';
import { useViewingRun } from '../viewingRun';
import { PALETTE_DRAG_TYPE } from './paletteDrag';
import { paletteGroups } from './paletteGroups';

export interface NodePaletteProps {
  types: readonly NodeTypeInfo[];
  /** Adds a node of the type at the middle of the canvas (Enter, click); `byKeyboard` for Enter. */
  onAdd: (type: string, byKeyboard: boolean) => void;
}

function onDragStart(event: DragEvent, type: string) {
  event.dataTransfer.setData(PALETTE_DRAG_TYPE, type);
  event.dataTransfer.effectAllowed = 'copy';
}

/**
 * The node types to draw with: search, grouped by category. Drag one onto the canvas, or
 * press Enter (or click) to add it in the middle. Arrow keys move between the items; Enter in
 * the search field adds the first match.
 */
export function NodePalette({ types, onAdd }: NodePaletteProps) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(types, query), [types, query]);
  const locked = useViewingRun();
  const comparing = useComparing();
  const list = useRef<HTMLDivElement>(null);
  const items = () => [
    ...(list.current?.querySelectorAll<HTMLButtonElement>('[data-palette-item]') ?? []),
  ];

  const onSearchKey = (event: KeyboardEvent) => {
    const first = groups[0]?.types[0];
    if (event.key === 'Enter' && first && !locked) {
      event.preventDefault();
      onAdd(first.type, true);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      items()[0]?.focus();
    }
  };
  const onItemKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const all = items();
    const at = all.indexOf(event.currentTarget);
    const next = event.key === 'ArrowDown' ? all[at + 1] : all[at - 1];
    if (next) next.focus();
    else if (event.key === 'ArrowUp') document.getElementById('palette-search')?.focus();
  };

  return (
    <nav aria-label="Node palette" className="flex h-full flex-col">
      <div className="border-b border-slate-200 p-2 dark:border-slate-800">
        <label htmlFor="palette-search" className="sr-only">
          Search node types
        </label>
        <div className="relative">
          <Search
            aria-hidden
            className="pointer-events-none absolute top-2 left-2 size-4 text-slate-400"
          />
          <input
            id="palette-search"
            type="search"
            value={query}
            placeholder="Search nodes…  ( / )"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            className="h-8 w-full rounded-md border border-slate-300 bg-white pr-2 pl-8 text-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
      </div>
      <div ref={list} className="min-h-0 flex-1 overflow-y-auto p-2">
        {locked && (
          <p data-testid="palette-readonly" className="px-2 pb-2 text-xs text-slate-500">
            {comparing ? 'Versions are compared' : 'A past run is open'}: go back to editing to add
            nodes.
          </p>
        )}
        {groups.length === 0 && (
          <p className="px-2 py-4 text-sm text-slate-500">No node type matches “{query}”.</p>
        )}
        {groups.map((group) => (
          <section
            key={group.category}
            aria-labelledby={`palette-${group.category}`}
            className="mb-3"
          >
            <h2
              id={`palette-${group.category}`}
              className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
            >
              {group.category}
            </h2>
            <ul className="flex flex-col gap-0.5">
              {group.types.map((type) => (
                <li key={type.type}>
                  <button
                    type="button"
                    draggable={!locked}
                    disabled={locked}
                    data-palette-item
                    data-node-type={type.type}
                    aria-label={`Add ${type.ui.title}: ${type.ui.description}`}
                    title={type.ui.description}
                    onDragStart={(e) => onDragStart(e, type.type)}
                    onClick={(e) => onAdd(type.type, e.detail === 0)}
                    onKeyDown={onItemKey}
                    className="flex w-full cursor-grab items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50 dark:hover:bg-slate-800 dark:focus-visible:bg-sky-950"
                  >
                    <span className="flex size-6 shrink-0 items-center justify-center rounded bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300">
                      <NodeIcon name={type.ui.icon} className="size-3.5" />
                    </span>
                    <span className="min-w-0">
                      <span className="block truncate font-medium">{type.ui.title}</span>
                      <span className="block truncate text-[11px] text-slate-500">{type.type}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
