import { describe, expect, it } from 'vitest';
import { effectiveShare, graphPermissions, roleCan } from './permissions';

describe('roleCan', () => {
  it('gives each role its own permission and those of the roles below', () => {
    expect(roleCan('viewer', 'read')).toBe(true);
    expect(roleCan('viewer', 'run')).toBe(false);
    expect(roleCan('runner', 'run')).toBe(true);
    expect(roleCan('runner', 'edit')).toBe(false);
    expect(roleCan('editor', 'edit')).toBe(true);
    expect(roleCan('editor', 'manage')).toBe(false);
    expect(roleCan('admin', 'manage')).toBe(true);
    expect(roleCan('admin', 'own')).toBe(false);
    expect(roleCan('owner', 'own')).toBe(true);
  });

  it('gives nothing to someone without a role', () => {
    expect(roleCan(undefined, 'read')).toBe(false);
  });
});

describe('graphPermissions', () => {
  it('follows the role in the graph’s workspace', () => {
    expect(graphPermissions('viewer', null)).toEqual({
      edit: false,
      run: false,
      reason: 'Read-only: your role here is viewer',
    });
    expect(graphPermissions('runner', null)).toMatchObject({ edit: false, run: true });
    expect(graphPermissions('editor', null)).toEqual({ edit: true, run: true });
  });

  it('lets an editor share edit but never run', () => {
    expect(graphPermissions(undefined, 'editor')).toEqual({ edit: true, run: false });
  });

  it('counts an unknown share as read-only', () => {
    expect(graphPermissions(undefined, undefined)).toMatchObject({ edit: false, run: false });
    expect(graphPermissions(undefined, 'viewer')).toMatchObject({ edit: false, run: false });
  });
});

describe('effectiveShare', () => {
  it('keeps an editor share for editors and above of the listing workspace', () => {
    expect(effectiveShare('editor', 'editor')).toBe('editor');
    expect(effectiveShare('editor', 'owner')).toBe('editor');
  });

  it('makes an editor share read-only for viewers and runners', () => {
    expect(effectiveShare('editor', 'viewer')).toBe('viewer');
    expect(effectiveShare('editor', 'runner')).toBe('viewer');
  });

  it('leaves viewer shares and own graphs as they are', () => {
    expect(effectiveShare('viewer', 'owner')).toBe('viewer');
    expect(effectiveShare(null, 'viewer')).toBeNull();
  });
});
