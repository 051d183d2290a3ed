import { Workflow } from 'lucide-react';
import type { ReactNode } from 'react';

/** The frame of the signed-out pages: the product's name over one centred card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex min-h-full items-start justify-center overflow-y-auto p-6 sm:items-center">
      <div className="w-full max-w-sm">
        <p className="mb-4 flex items-center justify-center gap-2 font-semibold">
          <Workflow aria-hidden className="size-5 text-sky-600" />
          Beluga Orchestration
        </p>
        <main className="rounded-lg border border-slate-200 p-6 shadow-sm dark:border-slate-800">
          <h1 className="mb-4 text-lg font-semibold">{title}</h1>
          {children}
        </main>
      </div>
    </div>
  );
}
