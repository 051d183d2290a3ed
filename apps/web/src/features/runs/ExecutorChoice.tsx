import { TEMPORAL_UNAVAILABLE, useExecutors, type Executor } from './executors';

const OPTIONS: { value: Executor; label: string; hint: string }[] = [
  { value: 'local', label: 'Local', hint: 'In the server process: fast, not durable.' },
  {
    value: 'temporal',
    label: 'Temporal',
    hint: 'Durable: survives restarts of workers and servers.',
  },
];

/** Where the run executes; Temporal is disabled once the server said it has none. */
export function ExecutorChoice(props: { value: Executor; onChange: (value: Executor) => void }) {
  const unavailable = useExecutors((state) => state.temporalUnavailable);
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-semibold">Executor</legend>
      {OPTIONS.map((option) => {
        const disabled = option.value === 'temporal' && unavailable !== undefined;
        return (
          <label
            key={option.value}
            title={disabled ? TEMPORAL_UNAVAILABLE : undefined}
            className={`flex items-start gap-2 text-sm ${disabled ? 'cursor-not-allowed opacity-60' : ''}`}
          >
            <input
              type="radio"
              name="executor"
              value={option.value}
              className="mt-1"
              checked={props.value === option.value}
              disabled={disabled}
              onChange={() => props.onChange(option.value)}
            />
            <span>
              <span className="font-medium">{option.label}</span>
              <span className="block text-xs text-slate-500">
                {disabled ? TEMPORAL_UNAVAILABLE : option.hint}
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
