import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { networkRefusal, refusalReason } from './addressCheck.js';
import { createHostExemption } from './networkPolicy.js';
import type { NetworkPolicy } from './networkPolicy.js';

/** dns.lookup with `all: true`; replaceable in tests, which have no DNS beyond /etc/hosts. */
export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A DNS lookup for net/tls.connect that refuses non-public answers. It runs inside the connection
 * itself, so the address checked is the address connected to: a DNS-rebinding server cannot answer
 * a public address to a pre-check and a private one to the connect. Every answer must be public;
 * a host with one private address among public ones is refused rather than filtered, to keep the
 * rule simple to state.
 */
export function createGuardedLookup(op: string, resolve: Resolver = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const reason = refusalReason(address);
        if (reason !== undefined) {
          return callback(networkRefusal({ op, host: hostname, address, reason }), []);
        }
      }
      // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily), one otherwise.
      if (options.all === true) return callback(null, addresses);
      const [first] = addresses;
      if (first === undefined) return callback(new Error(`no address for ${hostname}`), []);
      callback(null, first.address, first.family);
    });
  };
}

export interface GuardedConnectorOptions {
  policy: NetworkPolicy;
  op: string;
}

/**
 * An undici connector that checks the destination of every new connection. undici with a
 * `connect.lookup` was chosen over node:http because its fetch gives the WHATWG Response with a
 * streaming body that `llm.chat` needs; a custom connector (rather than only `connect.lookup`)
 * is needed because net.connect never calls `lookup` for IP literals, and because `allowedHosts`
 * exemptions are per host *and port*, which a lookup function never sees.
 */
export function createGuardedConnector({
  policy,
  op,
}: GuardedConnectorOptions): buildConnector.connector {
  const isExempt = createHostExemption(policy);
  const open = buildConnector({});
  const guarded = buildConnector({ lookup: createGuardedLookup(op) });
  return (options, callback) => {
    const { hostname, protocol } = options;
    const port = options.port || (protocol === 'https:' ? '443' : '80');
    if (isExempt(hostname, port)) return open(options, callback);
    if (isIP(hostname) === 0) return guarded(options, callback);
    const reason = refusalReason(hostname);
    if (reason === undefined) return open(options, callback);
    // Fail asynchronously, as a real connect error would: undici does not expect re-entrancy.
    const error = networkRefusal({ op, host: hostname, address: hostname, reason });
    process.nextTick(() => callback(error, null));
  };
}
