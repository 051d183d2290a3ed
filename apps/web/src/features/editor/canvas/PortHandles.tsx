import { Handle, Position } from '@xyflow/react';
import type { PortInfo } from '../model/catalogTypes';

const TYPE_COLOR: Record<PortInfo['type'], string> = {
  any: '!bg-slate-400',
  string: '!bg-emerald-500',
  number: '!bg-sky-500',
  boolean: '!bg-amber-500',
  object: '!bg-violet-500',
  array: '!bg-pink-500',
};

function describe(port: PortInfo, side: 'input' | 'output'): string {
  const extra = [port.required ? 'required' : '', port.multiple ? 'takes several edges' : '']
    .filter(Boolean)
    .join(', ');
  return `${side} ${port.name}: ${port.type}${extra ? ` (${extra})` : ''}`;
}

/** One row per port pair: inputs on the left edge, outputs on the right, named and typed. */
export function PortHandles({
  inputs,
  outputs,
  problemPorts,
}: {
  inputs: readonly PortInfo[];
  outputs: readonly PortInfo[];
  /** `inputs.in`-style fields that validate() flagged. */
  problemPorts: ReadonlySet<string>;
}) {
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div className="flex flex-col gap-0.5 py-1">
      {Array.from({ length: rows }, (_, i) => {
        const input = inputs[i];
        const output = outputs[i];
        return (
          <div key={i} className="relative flex h-5 items-center justify-between px-3 text-[11px]">
            {input ? (
              <>
                <Handle
                  type="target"
                  position={Position.Left}
                  id={input.name}
                  title={describe(input, 'input')}
                  aria-label={describe(input, 'input')}
                  className={`!size-2.5 !border-2 !border-white dark:!border-slate-900 ${TYPE_COLOR[input.type]} ${problemPorts.has(`inputs.${input.name}`) ? '!ring-2 !ring-red-500' : ''}`}
                />
                <span className="text-slate-500 dark:text-slate-400">
                  {input.name}
                  {input.required && <span aria-hidden>*</span>}
                  <span className="ml-1 text-slate-400 dark:text-slate-500">{input.type}</span>
                </span>
              </>
            ) : (
              <span />
            )}
            {output && (
              <>
                <span className="text-slate-500 dark:text-slate-400">
                  <span className="mr-1 text-slate-400 dark:text-slate-500">{output.type}</span>
                  {output.name}
                </span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={output.name}
                  title={describe(output, 'output')}
                  aria-label={describe(output, 'output')}
                  className={`!size-2.5 !border-2 !border-white dark:!border-slate-900 ${TYPE_COLOR[output.type]}`}
                />
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
