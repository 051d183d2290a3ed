import { describe, expect, it } from 'vitest';
import { createMemoryConversationStore } from './conversations.js';

const turn = (n: number) =>
  [
    { role: 'user', content: `q${n}` },
    { role: 'assistant', content: `a${n}` },
  ] as const;

describe('createMemoryConversationStore', () => {
  it('keeps sessions apart and loads the latest messages, oldest first', async () => {
    const store = createMemoryConversationStore();
    await store.append('a', turn(1));
    await store.append('a', turn(2));
    await store.append('b', turn(9));
    expect(await store.load('a', 3)).toEqual([...turn(1).slice(1), ...turn(2)]);
    expect(await store.load('b', 20)).toEqual(turn(9));
    expect(await store.load('unknown', 20)).toEqual([]);
    await store.clear('a');
    expect(await store.load('a', 20)).toEqual([]);
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const store = createMemoryConversationStore();
    await store.append('a', turn(1));
    const loaded = [...(await store.load('a', 20))];
    loaded[0]!.content = 'changed';
    expect(await store.load('a', 1)).toEqual([{ role: 'assistant', content: 'a1' }]);
    expect((await store.load('a', 2))[0]?.content).toBe('q1');
  });

  it('bounds messages per session and drops the least recently used session', async () => {
    const store = createMemoryConversationStore({ maxMessagesPerSession: 3, maxSessions: 2 });
    await store.append('a', turn(1));
    await store.append('a', turn(2));
    expect(await store.load('a', 10)).toEqual([...turn(1).slice(1), ...turn(2)]);
    await store.append('b', turn(3));
    await store.load('a', 1); // a is now more recently used than b
    await store.append('c', turn(4));
    expect(await store.load('b', 10)).toEqual([]);
    expect(await store.load('a', 10)).toHaveLength(3);
  });
});
