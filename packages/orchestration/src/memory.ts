import { z } from 'zod';
import { OrchestratorError } from './errors.js';
import { parseOptions } from './options.js';

export type MemoryValues = Record<string, unknown>;

/**
 * Conversation state a chain carries between invocations (the seed's Memory). Before the first
 * step the chain merges `loadMemoryVariables(input)` into its input; after a successful run it
 * calls `saveContext(input, output)`. Every method may be synchronous or return a promise.
 */
export interface Memory {
  /** The keys `loadMemoryVariables` returns. */
  memoryVariables(): string[];
  loadMemoryVariables(inputs: MemoryValues): MemoryValues | Promise<MemoryValues>;
  saveContext(inputs: MemoryValues, outputs: MemoryValues): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** True when `value` has the four Memory methods. */
export function isMemory(value: unknown): value is Memory {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ['memoryVariables', 'loadMemoryVariables', 'saveContext', 'clear'].every(
    (method) => typeof candidate[method] === 'function',
  );
}

/** One turn of a conversation, in the role names chat model APIs use. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export const BufferMemoryOptionsSchema = z
  .object({
    /** The variable the history is loaded into. Default `history`. */
    memoryKey: z.string().min(1).default('history'),
    /** Input key saved as the user's turn; by default the only key, or `input`. */
    inputKey: z.string().min(1).optional(),
    /** Output key saved as the assistant's turn; by default the only key, or `output`. */
    outputKey: z.string().min(1).optional(),
    /** Transcript prefix of user turns. Default `Human`. */
    humanPrefix: z.string().default('Human'),
    /** Transcript prefix of assistant turns. Default `AI`. */
    aiPrefix: z.string().default('AI'),
    /** Load the history as ChatMessage objects instead of a transcript string. Default false. */
    returnMessages: z.boolean().default(false),
    /** Keep only the latest N messages (a window); all by default. */
    maxMessages: z.number().int().positive().optional(),
  })
  .strict();

export type BufferMemoryOptions = z.input<typeof BufferMemoryOptionsSchema>;

/** Picks the key to save: the configured one, else the only candidate, else `fallback`. */
function chooseKey(
  values: MemoryValues,
  configured: string | undefined,
  fallback: string,
  exclude: string,
): string {
  const op = 'memory.saveContext';
  if (configured !== undefined) {
    if (configured in values) return configured;
    throw new OrchestratorError({
      code: 'VALIDATION_FAILED',
      op,
      message: `Missing key "${configured}"`,
      field: configured,
    });
  }
  const candidates = Object.keys(values).filter((key) => key !== exclude);
  if (candidates.length === 1) return candidates[0] as string;
  if (candidates.includes(fallback)) return fallback;
  const found = candidates.length === 0 ? 'none' : candidates.join(', ');
  const message = `Cannot choose which key to save (found: ${found}); set ${fallback}Key`;
  throw new OrchestratorError({ code: 'VALIDATION_FAILED', op, message, field: `${fallback}Key` });
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Keeps the conversation in memory, as a transcript (`Human: hi\nAI: hello`) or as messages.
 *
 * @example
 * const memory = new BufferMemory({ maxMessages: 20 });
 * const chat = createChain([callModel], { memory, inputKeys: ['input'] });
 * await chat.invoke({ input: 'Hi, I am Ada' }); // the model step sees { input, history }
 */
export class BufferMemory implements Memory {
  private readonly options: z.output<typeof BufferMemoryOptionsSchema>;
  private history: ChatMessage[] = [];

  constructor(options: BufferMemoryOptions = {}) {
    this.options = parseOptions(
      BufferMemoryOptionsSchema,
      options,
      'BufferMemory',
      'buffer memory options',
    );
  }

  /** A copy of the stored messages, oldest first. */
  get messages(): ChatMessage[] {
    return [...this.history];
  }

  memoryVariables(): string[] {
    return [this.options.memoryKey];
  }

  loadMemoryVariables(_inputs: MemoryValues = {}): MemoryValues {
    const { memoryKey, returnMessages } = this.options;
    return { [memoryKey]: returnMessages ? this.messages : this.transcript() };
  }

  saveContext(inputs: MemoryValues, outputs: MemoryValues): void {
    const { inputKey, outputKey, memoryKey, maxMessages } = this.options;
    const user = inputs[chooseKey(inputs, inputKey, 'input', memoryKey)];
    const assistant = outputs[chooseKey(outputs, outputKey, 'output', memoryKey)];
    this.history.push(
      { role: 'user', content: asText(user) },
      { role: 'assistant', content: asText(assistant) },
    );
    if (maxMessages !== undefined && this.history.length > maxMessages) {
      this.history = this.history.slice(-maxMessages);
    }
  }

  clear(): void {
    this.history = [];
  }

  private transcript(): string {
    const { humanPrefix, aiPrefix } = this.options;
    return this.history
      .map((message) => `${message.role === 'user' ? humanPrefix : aiPrefix}: ${message.content}`)
      .join('\n');
  }
}
