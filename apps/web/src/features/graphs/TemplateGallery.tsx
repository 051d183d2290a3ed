import type { GraphDocument } from '@beluga/graph';
import { LayoutTemplate } from 'lucide-react';
import { Button } from '../../components/Button';
import { TEMPLATES } from './templates';

export interface TemplateGalleryProps {
  onUse: (template: GraphDocument) => void;
  busy: boolean;
}

/** The example graphs, as starting points: using one saves a copy and opens it (nothing runs). */
export function TemplateGallery({ onUse, busy }: TemplateGalleryProps) {
  return (
    <section aria-labelledby="templates-heading" className="mb-8">
      <h2
        id="templates-heading"
        className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300"
      >
        Start from a template
      </h2>
      <ul className="grid gap-3 sm:grid-cols-3">
        {TEMPLATES.map((template) => (
          <li
            key={template.id}
            className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800"
          >
            <h3 className="flex items-center gap-1.5 text-sm font-medium">
              <LayoutTemplate className="size-4 text-sky-600" aria-hidden />
              {template.name}
            </h3>
            <div className="flex-1">
              <p className="line-clamp-3 text-xs text-slate-600 dark:text-slate-400">
                {template.description}
              </p>
            </div>
            <div className="flex items-center justify-between">
              <span className="text-xs text-slate-500">{template.nodes.length} nodes</span>
              <Button
                size="sm"
                disabled={busy}
                aria-label={`Use template ${template.name}`}
                onClick={() => onUse(template)}
              >
                Use template
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
