import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { Dialog } from '../../../components/Dialog';
import { errorInfo } from '../../../lib/trpc';
import { useGraphActions } from '../graphActions';
import { ErrorNote } from '../ui/ErrorNote';
import { analyzeImport, validationProblemRow, type ImportAnalysis } from './analyzeImport';
import { ImportSourcePicker } from './ImportSourcePicker';
import { PlanSummary, ProblemList, ValidityBadge } from './ImportReport';

/** JSON text to import, and where it came from (a file name, "pasted JSON"). */
export interface ImportSource {
  id: number;
  text: string;
  label: string;
}

export interface ImportDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  source: ImportSource | undefined;
  onSource: (text: string, label: string) => void;
  onReset: () => void;
}

/** Import in two steps: read and check (nothing is saved), then "Import" saves and opens it. */
export function ImportDialog({ open, onOpenChange, source, onSource, onReset }: ImportDialogProps) {
  const analysis = useQuery({
    queryKey: ['import-analysis', source?.id],
    queryFn: () => analyzeImport(source?.text ?? ''),
    enabled: source !== undefined,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Import a graph"
      description="The document is checked first; nothing is saved until you choose Import."
      width="max-w-2xl"
    >
      {!source ? (
        <ImportSourcePicker onSource={onSource} />
      ) : analysis.isPending ? (
        <p className="text-sm text-slate-500">Checking {source.label}…</p>
      ) : analysis.isError ? (
        <ErrorNote message={errorInfo(analysis.error).message} />
      ) : (
        <ImportReportStep
          key={source.id}
          label={source.label}
          analysis={analysis.data}
          onBack={onReset}
          onDone={() => onOpenChange(false)}
        />
      )}
    </Dialog>
  );
}

interface ReportStepProps {
  label: string;
  analysis: ImportAnalysis;
  onBack: () => void;
  onDone: () => void;
}

function ImportReportStep({ label, analysis, onBack, onDone }: ReportStepProps) {
  const { importDocument } = useGraphActions();
  const [name, setName] = useState(analysis.ok ? analysis.document.name : '');
  if (!analysis.ok) {
    return (
      <section aria-label="Import report" className="flex flex-col gap-3">
        <p className="text-sm font-medium text-red-700 dark:text-red-400">
          {label} cannot be imported: {analysis.problems.length}{' '}
          {analysis.problems.length === 1 ? 'problem' : 'problems'}. Nothing was saved.
        </p>
        <ProblemList problems={analysis.problems} label="Problems" />
        <div className="flex justify-end gap-2">
          <Button onClick={onBack}>Choose another</Button>
          <Button variant="primary" disabled>
            Import
          </Button>
        </div>
      </section>
    );
  }
  const { document, validation, migratedFrom } = analysis;
  const save = () =>
    importDocument.mutate({ document, name: name.trim() || document.name }, { onSuccess: onDone });
  return (
    <section aria-label="Import report" className="flex flex-col gap-3">
      <p className="text-sm">
        Read <span className="font-medium">{label}</span>
        {migratedFrom ? ` (migrated from ${migratedFrom})` : ''}.
      </p>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Name
        <input
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-normal dark:border-slate-700 dark:bg-slate-950"
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <ValidityBadge valid={validation.valid} count={validation.problems.length} />
      {validation.problems.length > 0 && (
        <ProblemList
          problems={validation.problems.map(validationProblemRow)}
          label="Validation problems"
        />
      )}
      <PlanSummary document={document} validation={validation} />
      {importDocument.isError && <ErrorNote message={errorInfo(importDocument.error).message} />}
      <div className="flex justify-end gap-2">
        <Button onClick={onBack}>Choose another</Button>
        <Button variant="primary" disabled={importDocument.isPending} onClick={save}>
          {importDocument.isPending ? 'Importing…' : 'Import'}
        </Button>
      </div>
    </section>
  );
}
