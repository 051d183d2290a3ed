import type { NoteColor } from '../model/notes';

/** Paper, border and text of each note colour, readable in the light and the dark theme. */
export const NOTE_STYLE: Record<NoteColor, string> = {
  yellow:
    'bg-amber-100 border-amber-300 text-amber-950 dark:bg-amber-950 dark:border-amber-700 dark:text-amber-50',
  blue: 'bg-sky-100 border-sky-300 text-sky-950 dark:bg-sky-950 dark:border-sky-700 dark:text-sky-50',
  green:
    'bg-emerald-100 border-emerald-300 text-emerald-950 dark:bg-emerald-950 dark:border-emerald-700 dark:text-emerald-50',
  pink: 'bg-pink-100 border-pink-300 text-pink-950 dark:bg-pink-950 dark:border-pink-700 dark:text-pink-50',
  gray: 'bg-slate-100 border-slate-300 text-slate-900 dark:bg-slate-800 dark:border-slate-600 dark:text-slate-50',
};

/** The swatch of each colour in the colour menu. */
export const NOTE_SWATCH: Record<NoteColor, string> = {
  yellow: 'bg-amber-300',
  blue: 'bg-sky-300',
  green: 'bg-emerald-300',
  pink: 'bg-pink-300',
  gray: 'bg-slate-300',
};
