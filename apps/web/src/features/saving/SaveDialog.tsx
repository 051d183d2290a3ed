import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';

export interface SaveDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  baseVersion: number;
  saving: boolean;
  onSave: (message: string) => void;
}

/** Save as the next version, with an optional message for the history. */
export function SaveDialog({ open, onOpenChange, baseVersion, saving, onSave }: SaveDialogProps) {
  const [message, setMessage] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(message.trim());
    setMessage('');
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Save a new version"
      description={`Saves your changes on top of version ${baseVersion}.`}
    >
      <form className="flex flex-col gap-3" onSubmit={submit}>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Message (optional)
          <input
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-normal dark:border-slate-700 dark:bg-slate-950"
            value={message}
            maxLength={2000}
            placeholder="What changed?"
            autoFocus
            onChange={(event) => setMessage(event.target.value)}
          />
        </label>
        <div className="flex justify-end gap-2">
          <Button onClick={() => onOpenChange(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
