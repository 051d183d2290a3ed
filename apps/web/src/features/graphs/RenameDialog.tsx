import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { errorInfo } from '../../lib/trpc';
import { ErrorNote } from './ui/ErrorNote';

export interface RenameDialogProps {
  graph: { id: string; name: string };
  onClose: () => void;
  rename: (input: { id: string; name: string }) => Promise<unknown>;
}

/** Asks for a graph's new name; saving writes a new version. */
export function RenameDialog({ graph, onClose, rename }: RenameDialogProps) {
  const [name, setName] = useState(graph.name);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const trimmed = name.trim();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await rename({ id: graph.id, name: trimmed });
      onClose();
    } catch (failure) {
      setError(errorInfo(failure).message);
      setBusy(false);
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`Rename "${graph.name}"`}>
      <form className="flex flex-col gap-3" onSubmit={(event) => void submit(event)}>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Name
          <input
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-normal dark:border-slate-700 dark:bg-slate-950"
            value={name}
            maxLength={200}
            autoFocus
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {error && <ErrorNote message={error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy || !trimmed}>
            Rename
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
