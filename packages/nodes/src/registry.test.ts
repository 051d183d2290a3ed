import { validate } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleGraphs } from './examples.js';
import { createNodeRegistry } from './registry.js';
import { defineNodeType } from './types.js';

const BUILT_IN = [
  'input',
  'output',
  'transform',
  'code',
  'http.request',
  'branch',
  'merge',
  'delay',
  'llm.chat',
  'approval',
  'subgraph',
];

describe('node registry', () => {
  it('offers every built-in type, each with UI metadata and a working default config', () => {
    const registry = createNodeRegistry();
    expect(registry.list().map((type) => type.type)).toEqual(BUILT_IN);
    for (const type of registry.list()) {
      expect(type.ui.title, type.type).not.toBe('');
      expect(type.ui.icon, type.type).toMatch(/^[a-z-]+$/);
      const parsed = type.config.safeParse(type.ui.defaultConfig);
      // Which graph a subgraph runs is the one choice a default cannot make.
      const unmade = parsed.error?.issues.map((issue) => issue.path.join('.')) ?? [];
      expect(unmade, type.type).toEqual(type.type === 'subgraph' ? ['graph'] : []);
    }
  });

  it('describes the types as plain JSON with config JSON Schemas, for the editor and the API', () => {
    const described = createNodeRegistry().describe();
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
    const http = described.find((type) => type.type === 'http.request');
    expect(http?.configSchema).toMatchObject({
      type: 'object',
      properties: { url: { type: 'string' } },
    });
    expect(
      described.find((type) => type.type === 'branch')?.outputs.map((port) => port.name),
    ).toEqual(['true', 'false']);
  });

  it('lets an application add its own node type, and refuses a name already taken', () => {
    const upper = defineNodeType({
      type: 'text.upper',
      inputs: [{ name: 'in', type: 'string', required: true }],
      outputs: [{ name: 'out', type: 'string' }],
      config: z.object({}),
      ui: {
        title: 'Upper case',
        category: 'Data',
        icon: 'case-upper',
        description: '',
        defaultConfig: {},
      },
      run: ({ input }) => String(input).toUpperCase(),
    });
    const registry = createNodeRegistry().register(upper);
    expect(registry.get('text.upper')).toBe(upper);
    expect(() => registry.register({ ...upper })).toThrow(
      'A node type named "text.upper" is already registered',
    );
    expect(() => createNodeRegistry().register({ ...upper, type: 'code' })).toThrow(
      /"code" is already registered/,
    );
  });

  it.each(exampleGraphs().map((example) => [example.file, example.document] as const))(
    'validates the example %s without a problem',
    (_, document) => {
      const result = validate(document, createNodeRegistry());
      expect(result.problems).toEqual([]);
      expect(result.plan?.layers.length).toBeGreaterThan(2);
    },
  );
});
