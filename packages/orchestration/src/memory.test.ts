import { describe, expect, it } from 'vitest';
import { BufferMemory, isMemory } from './memory.js';

describe('BufferMemory', () => {
  it('starts empty and exposes its memory key', () => {
    const memory = new BufferMemory();
    expect(memory.memoryVariables()).toEqual(['history']);
    expect(memory.loadMemoryVariables({})).toEqual({ history: '' });
  });

  it('loads the conversation as a transcript with the configured prefixes', () => {
    const memory = new BufferMemory({ humanPrefix: 'User', aiPrefix: 'Bot', memoryKey: 'chat' });
    memory.saveContext({ input: 'hi' }, { output: 'hello' });
    memory.saveContext({ input: 'how are you?' }, { output: 'fine' });
    expect(memory.loadMemoryVariables({})).toEqual({
      chat: 'User: hi\nBot: hello\nUser: how are you?\nBot: fine',
    });
  });

  it('loads messages with roles when returnMessages is set', () => {
    const memory = new BufferMemory({ returnMessages: true });
    memory.saveContext({ input: 'hi' }, { output: 'hello' });
    expect(memory.loadMemoryVariables({})).toEqual({
      history: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    });
  });

  it('returns copies: callers cannot change the stored history', () => {
    const memory = new BufferMemory({ returnMessages: true });
    memory.saveContext({ input: 'hi' }, { output: 'hello' });
    (memory.loadMemoryVariables({}).history as unknown[]).length = 0;
    memory.messages.pop();
    expect(memory.messages).toHaveLength(2);
  });

  it('keeps only the latest maxMessages messages', () => {
    const memory = new BufferMemory({ maxMessages: 3 });
    for (const n of [1, 2, 3]) memory.saveContext({ input: `q${n}` }, { output: `a${n}` });
    expect(memory.messages.map((message) => message.content)).toEqual(['a2', 'q3', 'a3']);
  });

  it('uses the configured input and output keys', () => {
    const memory = new BufferMemory({ inputKey: 'question', outputKey: 'answer' });
    memory.saveContext({ question: 'why?', topic: 'x' }, { answer: 'because', sources: [] });
    expect(memory.loadMemoryVariables({}).history).toBe('Human: why?\nAI: because');
  });

  it('picks the only key, ignoring its own memory key, or falls back to input/output', () => {
    const memory = new BufferMemory();
    memory.saveContext({ question: 'q', history: 'old' }, { answer: 'a' });
    memory.saveContext({ input: 'i', other: 1 }, { output: 'o', extra: 2 });
    expect(memory.messages.map((message) => message.content)).toEqual(['q', 'a', 'i', 'o']);
  });

  it('refuses to guess between several keys, naming the option to set', () => {
    const memory = new BufferMemory();
    expect(() => memory.saveContext({ a: 1, b: 2 }, { output: 'o' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'inputKey' }),
    );
    expect(() => memory.saveContext({ input: 'i' }, {})).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'outputKey' }),
    );
  });

  it('fails when a configured key is missing', () => {
    const memory = new BufferMemory({ inputKey: 'question' });
    expect(() => memory.saveContext({ input: 'i' }, { output: 'o' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'question' }),
    );
    expect(memory.messages).toEqual([]);
  });

  it('stores non-string values as JSON', () => {
    const memory = new BufferMemory({ returnMessages: true });
    memory.saveContext({ input: { city: 'Lisbon' } }, { output: 42 });
    expect(memory.messages.map((message) => message.content)).toEqual(['{"city":"Lisbon"}', '42']);
  });

  it('forgets everything on clear', () => {
    const memory = new BufferMemory();
    memory.saveContext({ input: 'hi' }, { output: 'hello' });
    memory.clear();
    expect(memory.loadMemoryVariables({})).toEqual({ history: '' });
  });

  it('rejects invalid options with INVALID_CONFIG naming the field', () => {
    expect(() => new BufferMemory({ maxMessages: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', field: 'maxMessages' }),
    );
    expect(() => new BufferMemory({ memoryKey: '' })).toThrow(/memoryKey/);
  });
});

describe('isMemory', () => {
  it('recognises objects with the four methods', () => {
    expect(isMemory(new BufferMemory())).toBe(true);
    expect(isMemory({ memoryVariables: () => [], loadMemoryVariables: () => ({}) })).toBe(false);
    expect(isMemory(null)).toBe(false);
  });
});
