import { describe, expect, it } from 'vitest';
import { addressRange, networkRefusal, refusalReason } from './addressCheck.js';

describe('refusalReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['0x7f.0.0.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['example.com', 'not an IP address'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(refusalReason(address)).toBe(reason);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public unicast address %s',
    (address) => {
      expect(refusalReason(address)).toBeUndefined();
      expect(addressRange(address)).toBe('unicast');
    },
  );
});

describe('networkRefusal', () => {
  it('names the host and the resolved address and says how to allow it', () => {
    const error = networkRefusal({
      op: 'node:http.request',
      host: 'intranet.example',
      address: '10.1.2.3',
      reason: 'private',
    });
    expect(error.toJSON()).toMatchObject({
      code: 'INVALID_CONFIG',
      op: 'node:http.request',
      retryable: false,
      details: { host: 'intranet.example', address: '10.1.2.3', reason: 'private' },
    });
    expect(error.message).toContain('"intranet.example" (resolved to 10.1.2.3)');
    expect(error.message).toMatch(/refused unless the server allows them/);
  });
});

describe('refusalReason for the deprecated IPv4-compatible range ::/96', () => {
  // The spelling `::127.0.0.1` ipaddr.js already calls loopback; URL turns it into `::7f00:1`.
  it.each(['::7f00:1', '::a00:1', '::808:808', '[::7f00:1]'])('refuses %s', (address) => {
    expect(refusalReason(address)).toBe('ipv4Compatible');
  });

  it('still names :: and ::1 by their own ranges', () => {
    expect(refusalReason('::')).toBe('unspecified');
    expect(refusalReason('::1')).toBe('loopback');
  });
});
