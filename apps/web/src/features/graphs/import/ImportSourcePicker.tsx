import { ClipboardPaste, FileUp } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useId, useState } from 'react';
import { Button } from '../../../components/Button';

export interface ImportSourcePickerProps {
  onSource: (text: string, label: string) => void;
}

const TAB =
  'flex items-center gap-1.5 border-b-2 border-transparent px-3 py-1.5 text-sm data-[state=active]:border-sky-600 data-[state=active]:font-medium';

/** Where the JSON comes from: a file, or text pasted in. (Dropping a file works on the list.) */
export function ImportSourcePicker({ onSource }: ImportSourcePickerProps) {
  const [text, setText] = useState('');
  const fileId = useId();
  return (
    <Tabs.Root defaultValue="file" className="flex flex-col gap-3">
      <Tabs.List
        aria-label="Import from"
        className="flex border-b border-slate-200 dark:border-slate-800"
      >
        <Tabs.Trigger value="file" className={TAB}>
          <FileUp className="size-4" aria-hidden /> File
        </Tabs.Trigger>
        <Tabs.Trigger value="paste" className={TAB}>
          <ClipboardPaste className="size-4" aria-hidden /> Paste
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="file" className="flex flex-col gap-2 text-sm">
        <label htmlFor={fileId} className="font-medium">
          Graph file (.json)
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then((content) => onSource(content, file.name));
          }}
        />
        <p className="text-slate-500">You can also drop a .json file anywhere on the graph list.</p>
      </Tabs.Content>
      <Tabs.Content value="paste" className="flex flex-col gap-2 text-sm">
        <label className="flex flex-col gap-1 font-medium">
          Graph JSON
          <textarea
            className="h-48 rounded-md border border-slate-300 bg-white p-2 font-mono text-xs font-normal dark:border-slate-700 dark:bg-slate-950"
            spellCheck={false}
            value={text}
            placeholder='{ "format": "beluga.graph/v1", … }'
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <Button
          variant="primary"
          className="self-end"
          disabled={!text.trim()}
          onClick={() => onSource(text, 'pasted JSON')}
        >
          Check
        </Button>
      </Tabs.Content>
    </Tabs.Root>
  );
}
