import { describe, expect, it } from 'vitest';
import { pickWorkspace } from './currentWorkspace';
import type { Membership } from './permissions';

const a: Membership = { workspaceId: 'a', name: 'A', role: 'owner' };
const b: Membership = { workspaceId: 'b', name: 'B', role: 'viewer' };

describe('pickWorkspace', () => {
  it('keeps the chosen workspace', () => {
    expect(pickWorkspace([a, b], 'b')).toBe(b);
  });

  it('falls back to the first when nothing or a workspace left is chosen', () => {
    expect(pickWorkspace([a, b], undefined)).toBe(a);
    expect(pickWorkspace([a, b], 'gone')).toBe(a);
  });

  it('has none without workspaces', () => {
    expect(pickWorkspace([], 'a')).toBeUndefined();
  });
});
