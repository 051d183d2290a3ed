import { fullTime } from '../graphs/ui/formatTime';
import { hereSentence, initialsOf } from './presenceText';
import type { PresenceViewer } from './presenceStore';

const SHOWN = 3;

/** The others who have the graph open: up to three initials, then "+N", and a sentence. */
export function PresenceAvatars({ others }: { others: readonly PresenceViewer[] }) {
  if (others.length === 0) return null;
  const sentence = hereSentence(others.map((viewer) => viewer.name));
  return (
    <div role="status" aria-label={sentence} className="flex items-center gap-2 text-xs">
      <ul className="flex -space-x-1.5" aria-hidden>
        {others.slice(0, SHOWN).map((viewer) => (
          <li
            key={viewer.userId}
            title={`${viewer.name}${viewer.editing ? ' (editing)' : ''}, here since ${fullTime(viewer.since)}`}
            className={`flex size-6 items-center justify-center rounded-full border-2 bg-sky-100 font-semibold text-sky-800 dark:bg-sky-900 dark:text-sky-100 ${viewer.editing ? 'border-amber-500' : 'border-white dark:border-slate-950'}`}
          >
            {initialsOf(viewer.name)}
          </li>
        ))}
        {others.length > SHOWN && (
          <li className="flex size-6 items-center justify-center rounded-full border-2 border-white bg-slate-200 font-semibold text-slate-700 dark:border-slate-950 dark:bg-slate-700 dark:text-slate-100">
            +{others.length - SHOWN}
          </li>
        )}
      </ul>
      <span className="hidden text-slate-600 xl:inline dark:text-slate-300">{sentence}</span>
    </div>
  );
}
