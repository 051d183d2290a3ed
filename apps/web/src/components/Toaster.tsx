import { CircleAlert, CircleCheck, Info, X } from 'lucide-react';
import { useToasts, type ToastTone } from './toast';

const TONES: Record<ToastTone, { className: string; Icon: typeof Info }> = {
  info: { className: 'border-slate-300 dark:border-slate-700', Icon: Info },
  success: { className: 'border-emerald-400 dark:border-emerald-700', Icon: CircleCheck },
  error: { className: 'border-red-400 dark:border-red-700', Icon: CircleAlert },
};

/** Where toasts appear: a polite live region (errors are assertive) in the bottom-right corner. */
export function Toaster() {
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
      {toasts.map(({ id, tone, title, description }) => {
        const { className, Icon } = TONES[tone];
        return (
          <div
            key={id}
            role={tone === 'error' ? 'alert' : 'status'}
            data-testid="toast"
            className={`pointer-events-auto flex gap-2 rounded-md border bg-white p-3 text-sm shadow-lg dark:bg-slate-900 ${className}`}
          >
            <Icon
              aria-hidden
              className={`mt-0.5 size-4 shrink-0 ${tone === 'error' ? 'text-red-600' : tone === 'success' ? 'text-emerald-600' : 'text-sky-600'}`}
            />
            <div className="min-w-0 flex-1">
              <p className="font-medium">{title}</p>
              {description && (
                <p className="mt-0.5 text-slate-600 dark:text-slate-400">{description}</p>
              )}
            </div>
            <button
              type="button"
              aria-label="Dismiss"
              className="self-start rounded p-0.5 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800"
              onClick={() => dismiss(id)}
            >
              <X className="size-3.5" aria-hidden />
            </button>
          </div>
        );
      })}
    </div>
  );
}
