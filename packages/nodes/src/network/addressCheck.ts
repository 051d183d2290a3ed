import ipaddr from 'ipaddr.js';
import { OrchestratorError } from '@beluga/orchestration';

/**
 * The ipaddr.js range of an address, or undefined when it is not an IP address. IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) is classified as the IPv4 address it carries; ipaddr.js also accepts the
 * odd IPv4 spellings (`127.1`, `0x7f.0.0.1`, `2130706433`) that some resolvers and URL parsers
 * understand, so none of them slips through as "not an IP".
 */
export function addressRange(address: string): string | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return undefined;
  const parsed = ipaddr.process(bare);
  const range = parsed.range();
  // ipaddr.js has no name for the deprecated IPv4-compatible ::/96 (RFC 4291 2.5.5.1) and calls
  // `::7f00:1` unicast, yet it carries an IPv4 address (WHATWG URL writes [::127.0.0.1] that way)
  // and some stacks route it to that address.
  if (range === 'unicast' && parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) {
    return 'ipv4Compatible';
  }
  return range;
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Why an address is refused, or undefined when it is public. Only `unicast` is public: private,
 * loopback, link-local, unique-local, CGNAT, multicast, unspecified, broadcast, reserved and the
 * IPv6 ranges that embed IPv4 addresses (NAT64, 6to4, Teredo, IPv4-compatible) are all refused.
 */
export function refusalReason(address: string): string | undefined {
  const range = addressRange(address);
  if (range === undefined) return 'not an IP address';
  return range === 'unicast' ? undefined : range;
}

export interface RefusalOptions {
  op: string;
  host: string;
  address: string;
  reason: string;
}

/** The error of a refused destination: a configuration problem, never worth retrying. */
export function networkRefusal({ op, host, address, reason }: RefusalOptions): OrchestratorError {
  const resolved = host === address ? '' : ` (resolved to ${address})`;
  return new OrchestratorError({
    code: 'INVALID_CONFIG',
    op,
    retryable: false,
    message:
      `Refused to connect to "${host}"${resolved}: ${reason} address. Private, loopback and ` +
      `other non-public addresses are refused unless the server allows them ` +
      `(network policy allowPrivateNetworks or allowedHosts).`,
    details: { host, address, reason },
  });
}
