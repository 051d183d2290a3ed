import { OrchestratorError } from '@beluga/orchestration';
import { z } from 'zod';

/** Token counts of a call, as the server reported them. */
export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** The output of an `llm.chat` node. */
export interface LlmChatOutput {
  /** The whole reply. */
  text: string;
  /** The model that answered, as the server names it. */
  model: string;
  /** `stop`, `length`, `content_filter`, …; null when the server gave none. */
  finishReason: string | null;
  /** Present when the server reported usage. */
  usage?: LlmUsage;
}

const UsageSchema = z
  .object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() })
  .loose();

// Loose schemas: servers add fields (logprobs, refusal, system_fingerprint) we do not need.
export const CompletionSchema = z
  .object({
    model: z.string().optional(),
    choices: z
      .array(
        z
          .object({
            message: z.object({ content: z.string().nullable() }).loose(),
            finish_reason: z.string().nullish(),
          })
          .loose(),
      )
      .min(1),
    usage: UsageSchema.nullish(),
  })
  .loose();

export const ChunkSchema = z
  .object({
    model: z.string().optional(),
    choices: z
      .array(
        z
          .object({
            delta: z.object({ content: z.string().nullish() }).loose().nullish(),
            finish_reason: z.string().nullish(),
          })
          .loose(),
      )
      .nullish(),
    usage: UsageSchema.nullish(),
  })
  .loose();

export type Chunk = z.output<typeof ChunkSchema>;

export function toUsage(usage: z.output<typeof UsageSchema> | null | undefined) {
  if (!usage) return {};
  const { prompt_tokens, completion_tokens, total_tokens } = usage;
  return {
    usage: {
      promptTokens: prompt_tokens,
      completionTokens: completion_tokens,
      totalTokens: total_tokens,
    },
  };
}

/** The output of a non-streaming reply, from its parsed JSON. */
export function completionOutput(
  json: unknown,
  fallbackModel: string,
  host: string,
): LlmChatOutput {
  const parsed = parseWith(CompletionSchema, json, host);
  const choice = parsed.choices[0] as (typeof parsed.choices)[number];
  return {
    text: choice.message.content ?? '',
    model: parsed.model ?? fallbackModel,
    finishReason: choice.finish_reason ?? null,
    ...toUsage(parsed.usage),
  };
}

/** Parses `text` as JSON, failing with a clear non-retryable error. */
export function parseJsonReply(text: string, host: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw malformed(host, 'it is not valid JSON', cause);
  }
}

export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
  json: unknown,
  host: string,
): z.output<Schema> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw malformed(host, `unexpected shape${where}: ${issue?.message ?? 'invalid'}`, result.error);
}

/** A reply that does not follow the protocol: retrying the same call would not help. */
export function malformed(host: string, what: string, cause?: unknown): OrchestratorError {
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: 'llm.chat',
    message: `${host} sent a malformed reply: ${what}`,
    retryable: false,
    cause,
  });
}
