import { describe, expect, it } from 'vitest';
import { createHostExemption, NetworkPolicySchema } from './networkPolicy.js';

describe('NetworkPolicySchema', () => {
  it('refuses private networks by default', () => {
    expect(NetworkPolicySchema.parse({})).toEqual({
      allowPrivateNetworks: false,
      allowedHosts: [],
    });
  });

  it.each(['http://x', 'a b', 'host:port', 'user@host', ''])('rejects the entry %j', (entry) => {
    expect(NetworkPolicySchema.safeParse({ allowedHosts: [entry] }).success).toBe(false);
  });
});

describe('createHostExemption', () => {
  it('matches an entry with a port on that port only', () => {
    const isExempt = createHostExemption({ allowedHosts: ['127.0.0.1:8080'] });
    expect(isExempt('127.0.0.1', '8080')).toBe(true);
    expect(isExempt('127.0.0.1', '8081')).toBe(false);
    expect(isExempt('localhost', '8080')).toBe(false);
  });

  it('matches an entry without a port on every port', () => {
    const isExempt = createHostExemption({ allowedHosts: ['LLM.internal'] });
    expect(isExempt('llm.internal', '443')).toBe(true);
    expect(isExempt('llm.internal', '11434')).toBe(true);
    expect(isExempt('other.internal', '443')).toBe(false);
  });

  it('compares hosts in their URL-normalised spelling', () => {
    const isExempt = createHostExemption({ allowedHosts: ['127.1:80', '[0:0::1]'] });
    expect(isExempt('127.0.0.1', '80')).toBe(true);
    expect(isExempt('::1', '3000')).toBe(true);
    expect(isExempt('[::1]', '3000')).toBe(true);
  });
});
