import { Copy } from 'lucide-react';
import { Button } from '../../../components/Button';
import { toast } from '../../../components/toast';
import { INPUT } from './Field';

export interface CopyFieldProps {
  label: string;
  value: string;
}

/** A secret or a link shown to be copied: read-only, selected on focus, with a Copy button. */
export function CopyField({ label, value }: CopyFieldProps) {
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => toast({ tone: 'success', title: 'Copied to the clipboard' }),
      () =>
        toast({
          tone: 'error',
          title: 'Could not copy',
          description: 'Select the text and copy it with the keyboard.',
        }),
    );
  return (
    <div className="flex items-end gap-2">
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium">
        {label}
        <input
          className={`${INPUT} font-mono`}
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
        />
      </label>
      <Button icon={<Copy aria-hidden className="size-4" />} onClick={() => void copy()}>
        Copy
      </Button>
    </div>
  );
}
