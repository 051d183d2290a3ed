import { OrchestratorError } from '@beluga/orchestration';

const CHANNEL_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; PGlite mode keeps the same rule. */
const MAX_PAYLOAD_BYTES = 7999;

/** The channel as a quoted identifier, after checking it is a plain lowercase name. */
export function quoteChannel(channel: string): string {
  if (!CHANNEL_PATTERN.test(channel)) {
    throw new OrchestratorError({
      code: 'INVALID_CONFIG',
      op: 'notifier.channel',
      message: `Invalid notification channel "${channel}": use 1-63 characters of a-z, 0-9 and _, not starting with a digit.`,
    });
  }
  return `"${channel}"`;
}

/** Checks a payload fits in one PostgreSQL notification. */
export function checkPayload(payload: string): void {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes <= MAX_PAYLOAD_BYTES) return;
  throw new OrchestratorError({
    code: 'INVALID_CONFIG',
    op: 'notifier.notify',
    message: `Notification payload is ${bytes} bytes; at most ${MAX_PAYLOAD_BYTES} fit (send an id and read the rest from the database).`,
  });
}

/** Calls a listener; one that throws is reported as a process warning, never breaking delivery. */
export function deliver(listener: (payload: string) => void, payload: string): void {
  try {
    listener(payload);
  } catch (error) {
    process.emitWarning(
      error instanceof Error ? error : String(error),
      'NotificationListenerError',
    );
  }
}
