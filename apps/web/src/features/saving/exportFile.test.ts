import { describe, expect, it } from 'vitest';
import { exportFileName } from './exportFile';

describe('exportFileName', () => {
  it('makes a lower-case slug as the server does', () => {
    expect(exportFileName('GitHub repository triage')).toBe('github-repository-triage.beluga.json');
    expect(exportFileName('  Ünïcode — only!! ')).toBe('n-code-only.beluga.json');
  });
  it('falls back to "graph" when nothing is left', () => {
    expect(exportFileName('日本語')).toBe('graph.beluga.json');
  });
});
