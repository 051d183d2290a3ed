import type { ChatMessage } from '@beluga/orchestration';

/**
 * Where `llm.chat` keeps conversations, one per session id. Every method may return a promise,
 * so a database-backed store fits the same interface.
 */
export interface ConversationStore {
  /** The latest `limit` messages of the session, oldest first; empty for an unknown session. */
  load(sessionId: string, limit: number): readonly ChatMessage[] | Promise<readonly ChatMessage[]>;
  /** Adds messages at the end of the session. */
  append(sessionId: string, messages: readonly ChatMessage[]): void | Promise<void>;
  /** Forgets the session. */
  clear(sessionId: string): void | Promise<void>;
}

export interface MemoryConversationStoreOptions {
  /** Messages kept per session; older ones are dropped. Default 200. */
  maxMessagesPerSession?: number;
  /** Sessions kept; the least recently used is dropped beyond it. Default 1000. */
  maxSessions?: number;
}

/**
 * A process-local store, bounded in both directions so that long-running servers do not grow
 * without limit. It forgets everything on restart.
 *
 * @example
 * const conversations = createMemoryConversationStore({ maxSessions: 100 });
 * const node = createLlmChatNode({ conversations });
 */
export function createMemoryConversationStore(
  options: MemoryConversationStoreOptions = {},
): ConversationStore {
  const maxMessages = options.maxMessagesPerSession ?? 200;
  const maxSessions = options.maxSessions ?? 1000;
  // A Map iterates in insertion order: re-inserting on use keeps the oldest session first.
  const sessions = new Map<string, ChatMessage[]>();

  function touch(sessionId: string): ChatMessage[] {
    const messages = sessions.get(sessionId) ?? [];
    sessions.delete(sessionId);
    sessions.set(sessionId, messages);
    return messages;
  }

  return {
    load(sessionId, limit) {
      if (!sessions.has(sessionId) || limit <= 0) return [];
      return touch(sessionId)
        .slice(-limit)
        .map((message) => ({ ...message }));
    },
    append(sessionId, messages) {
      const kept = [...touch(sessionId), ...messages.map((message) => ({ ...message }))];
      sessions.set(sessionId, kept.slice(-maxMessages));
      for (const oldest of sessions.keys()) {
        if (sessions.size <= maxSessions) break;
        sessions.delete(oldest);
      }
    },
    clear(sessionId) {
      sessions.delete(sessionId);
    },
  };
}
