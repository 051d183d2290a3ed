/** Every state change of a run is one of these events (see DESIGN.md, "Run events"). */
export const RUN_EVENT_TYPES = [
  'run.started',
  'node.queued',
  'node.started',
  'node.progress',
  'node.retrying',
  'node.succeeded',
  'node.failed',
  'node.skipped',
  'node.cancelled',
  'node.waiting',
  'run.succeeded',
  'run.failed',
  'run.cancelled',
] as const;

export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

export interface RunEventError {
  code: string;
  message: string;
  retryable: boolean;
}

export interface RunEvent {
  type: RunEventType;
  runId: string;
  /** Per-run sequence number, starting at 1, without gaps. */
  seq: number;
  /** Milliseconds since the epoch. */
  ts: number;
  nodeId?: string;
  /** 1-based attempt number of node events. */
  attempt?: number;
  /** Duration of the attempt (node events) or of the run (run.* terminal events). */
  durationMs?: number;
  traceId?: string;
  spanId?: string;
  /** A bounded preview of the data involved: node output, progress chunk, run input/output. */
  data?: unknown;
  error?: RunEventError;
  /** Delay before the next attempt, on node.retrying. */
  delayMs?: number;
}

/** What a node of a run is doing, as the editor, the API and the CLI show it. */
export type NodeRunStatus =
  | 'pending'
  | 'queued'
  | 'running'
  | 'retrying'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled';

/** The status a node event puts its node in; events absent here (progress, run.*) change none. */
export const NODE_STATUS_OF_EVENT: Readonly<Partial<Record<RunEventType, NodeRunStatus>>> = {
  'node.queued': 'queued',
  'node.started': 'running',
  'node.retrying': 'retrying',
  'node.waiting': 'waiting',
  'node.succeeded': 'succeeded',
  'node.failed': 'failed',
  'node.skipped': 'skipped',
  'node.cancelled': 'cancelled',
};

export type RunEventListener = (event: RunEvent) => void;

const DEFAULT_PREVIEW_CHARS = 2048;

/**
 * A bounded preview of a JSON value: primitives as they are, long strings cut, objects kept
 * whole while their JSON is short and replaced by a truncated JSON string when it is not. The
 * serialisation stops at the bound, so a large value costs no more than a small one.
 */
export function previewOf(value: unknown, maxChars = DEFAULT_PREVIEW_CHARS): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return value;
    case 'string':
      return value.length <= maxChars ? value : `${value.slice(0, maxChars)}…`;
    case 'object': {
      const json = boundedJson(value, maxChars);
      if (json === undefined) return '[unserialisable]';
      return json.complete ? value : { truncated: true, preview: `${json.text}…` };
    }
    default:
      return `[${typeof value}]`;
  }
}

// Thrown to stop serialising at the bound; allocated once.
const OVERFLOW = new Error('preview bound reached');

/**
 * JSON text of `value` up to `maxChars` characters (as JSON.stringify would write it), and
 * whether that is all of it. Undefined for values JSON cannot represent (cycles, BigInt).
 */
export function boundedJson(
  value: unknown,
  maxChars: number,
): { text: string; complete: boolean } | undefined {
  const parts: string[] = [];
  let length = 0;
  const push = (text: string): void => {
    parts.push(text);
    length += text.length;
    if (length > maxChars) throw OVERFLOW;
  };
  const seen = new Set<object>();
  const write = (item: unknown, inArray: boolean): void => {
    if (typeof item === 'string' && item.length > maxChars) item = item.slice(0, maxChars + 1);
    if (
      typeof item === 'object' &&
      item !== null &&
      typeof (item as { toJSON?: unknown }).toJSON === 'function'
    ) {
      item = (item as { toJSON: () => unknown }).toJSON();
    }
    if (typeof item !== 'object' || item === null) {
      push(JSON.stringify(item) ?? (inArray ? 'null' : ''));
      return;
    }
    if (seen.has(item)) throw new TypeError('circular');
    seen.add(item);
    if (Array.isArray(item)) writeArray(item);
    else writeObject(item as Record<string, unknown>);
    seen.delete(item);
  };
  const writeArray = (items: unknown[]): void => {
    push('[');
    items.forEach((entry, i) => {
      if (i > 0) push(',');
      write(entry, true);
    });
    push(']');
  };
  const writeObject = (record: Record<string, unknown>): void => {
    push('{');
    let first = true;
    for (const key of Object.keys(record)) {
      const entry = record[key];
      if (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol') continue;
      push(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      write(entry, false);
    }
    push('}');
  };
  try {
    write(value, false);
    return { text: parts.join(''), complete: true };
  } catch (error) {
    if (error !== OVERFLOW) return undefined;
    return { text: parts.join('').slice(0, maxChars), complete: false };
  }
}

/**
 * A push-to-pull bridge: events pushed by the executor are read with `for await`. Used by
 * `stream()`; ending it (return/break) detaches without affecting the run.
 */
export class EventChannel<T> implements AsyncIterable<T> {
  private buffer: T[] = [];
  private head = 0;
  private waiter:
    { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private closed = false;
  private failure: Error | undefined;

  push(item: T): void {
    if (this.closed) return;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve({ value: item, done: false });
    } else {
      this.buffer.push(item);
    }
  }

  /** Ends the stream once the buffered items are read; with an error, reading then throws it. */
  close(error?: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.failure = error;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (!waiter) return;
    if (error) waiter.reject(error);
    else waiter.resolve({ value: undefined, done: true });
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.head < this.buffer.length) {
      const value = this.buffer[this.head++] as T;
      if (this.head === this.buffer.length) {
        this.buffer = [];
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.closed) {
      const failure = this.failure;
      this.failure = undefined;
      return failure ? Promise.reject(failure) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: () => {
        this.closed = true;
        this.buffer = [];
        this.head = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
