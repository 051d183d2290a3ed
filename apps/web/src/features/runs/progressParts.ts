export interface LogLine {
  level: string;
  text: string;
}

export interface ProgressParts {
  /** `{ token }` chunks (llm.chat) joined: the answer so far. */
  text: string;
  hasText: boolean;
  /** `{ level, log }` chunks (code node console). */
  logs: LogLine[];
  /** Anything else a node reported. */
  other: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sorts a node's progress previews into streamed text, log lines and the rest. */
export function progressParts(progress: readonly unknown[]): ProgressParts {
  const parts: ProgressParts = { text: '', hasText: false, logs: [], other: [] };
  for (const chunk of progress) {
    if (isRecord(chunk) && typeof chunk.token === 'string') {
      parts.text += chunk.token;
      parts.hasText = true;
    } else if (isRecord(chunk) && 'log' in chunk) {
      const text = typeof chunk.log === 'string' ? chunk.log : JSON.stringify(chunk.log);
      parts.logs.push({ level: typeof chunk.level === 'string' ? chunk.level : 'log', text });
    } else {
      parts.other.push(chunk);
    }
  }
  return parts;
}
