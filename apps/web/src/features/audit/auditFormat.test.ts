import { describe, expect, it } from 'vitest';
import { actionLabel, detailsText, targetLabel } from './auditFormat';

describe('the audit log in words', () => {
  it('names known actions and shows unknown ones as their code', () => {
    expect(actionLabel('graph.share')).toBe('Shared a graph');
    expect(actionLabel('credential.rotate')).toBe('credential.rotate');
  });

  it('names a member by name, a graph by the name it had, else the type and a short id', () => {
    expect(
      targetLabel({
        targetType: 'graph',
        targetId: 'g-1',
        targetName: null,
        details: { graphName: 'Invoices' },
      }),
    ).toBe('graph “Invoices”');
    expect(
      targetLabel({
        targetType: 'graph',
        targetId: 'g-1',
        targetName: null,
        details: { name: 'Old' },
      }),
    ).toBe('graph “Old”');
    const member = { targetType: 'user', targetId: '0123456789abcdef', details: null };
    expect(targetLabel({ ...member, targetName: null })).toBe('user 01234567');
    expect(targetLabel({ ...member, targetName: 'Ana' })).toBe('user Ana');
  });

  it('puts the details of known actions in words, and lists the others', () => {
    expect(
      detailsText({
        action: 'graph.share',
        details: { workspaceName: 'Partners', access: 'editor', previous: 'viewer' },
      }),
    ).toBe('with Partners as editor (was viewer)');
    expect(
      detailsText({
        action: 'graph.share',
        details: { workspaceName: 'P', access: 'viewer', previous: null },
      }),
    ).toBe('with P as viewer');
    expect(detailsText({ action: 'member.role', details: { from: 'viewer', to: 'admin' } })).toBe(
      'viewer → admin',
    );
    expect(
      detailsText({ action: 'credential.use', details: { name: 'openai', runs: 2, deep: {} } }),
    ).toBe('name: openai, runs: 2');
    expect(detailsText({ action: 'link.create', details: null })).toBe('');
  });
});
