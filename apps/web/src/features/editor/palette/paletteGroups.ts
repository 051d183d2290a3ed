import type { NodeTypeInfo } from '../model/catalogTypes';

export interface PaletteGroup {
  category: string;
  types: NodeTypeInfo[];
}

const CATEGORY_ORDER = ['Input/Output', 'Data', 'Flow', 'Code', 'Network', 'AI', 'Human'];

/** Node types matching every word of `query` (title, type, description, category), by category. */
export function paletteGroups(types: readonly NodeTypeInfo[], query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = types.filter((type) => {
    const text =
      `${type.ui.title} ${type.type} ${type.ui.description} ${type.ui.category}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const type of matches) {
    const list = groups.get(type.ui.category);
    if (list) list.push(type);
    else groups.set(type.ui.category, [type]);
  }
  const rank = (c: string) => {
    const i = CATEGORY_ORDER.indexOf(c);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, list]) => ({ category, types: list }));
}
