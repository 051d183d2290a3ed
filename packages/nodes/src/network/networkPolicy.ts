import { z } from 'zod';

/**
 * An `allowedHosts` entry: a host name or IP literal, optionally with a port
 * (`internal.example`, `10.0.0.5:8080`, `[fd00::1]:443`).
 */
const AllowedHostSchema = z
  .string()
  .trim()
  .min(1)
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:/?#@[\]]+)(:\d{1,5})?$/, 'expected host or host:port');

/**
 * Where the server lets nodes connect. By default private, loopback, link-local and other
 * non-public addresses are refused, so a workflow author cannot reach the server's own network
 * (cloud metadata endpoints, databases, admin ports) through an HTTP or LLM node.
 */
export const NetworkPolicySchema = z.object({
  /** Allows every address, loopback included. For trusted single-user installs and development. */
  allowPrivateNetworks: z.boolean().default(false),
  /**
   * Exceptions to the private-address refusal, e.g. a self-hosted LLM server on the LAN. An entry
   * without a port matches every port of that host. This is not an allowlist: public hosts stay
   * reachable whether listed or not.
   */
  allowedHosts: z.array(AllowedHostSchema).default([]),
});

export type NetworkPolicy = z.input<typeof NetworkPolicySchema>;

/** The safe default: only public unicast addresses. */
export const DEFAULT_NETWORK_POLICY: NetworkPolicy = { allowPrivateNetworks: false };

/** A parsed `allowedHosts` entry; `port` undefined matches any port. */
interface HostPattern {
  host: string;
  port: string | undefined;
}

/** Decides whether a host:port is exempt from the private-address refusal. */
export type HostExemption = (hostname: string, port: string) => boolean;

/**
 * Compiles the policy's `allowedHosts` into a matcher. Hosts are normalised the way WHATWG URL
 * normalises them (`127.1` → `127.0.0.1`, lower case, IPv6 without brackets) so an entry matches
 * whatever spelling the request URL used.
 */
export function createHostExemption(policy: NetworkPolicy): HostExemption {
  const patterns = NetworkPolicySchema.parse(policy).allowedHosts.map(toPattern);
  return (hostname, port) => {
    const host = normaliseHost(hostname);
    return patterns.some((p) => p.host === host && (p.port === undefined || p.port === port));
  };
}

function toPattern(entry: string): HostPattern {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  return { host: normaliseHost(match?.[1] ?? entry), port: match?.[2] };
}

/** The WHATWG URL spelling of a host, without IPv6 brackets. */
export function normaliseHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const literal = bare.includes(':') ? `[${bare}]` : bare;
  try {
    return stripBrackets(new URL(`http://${literal}/`).hostname);
  } catch {
    return bare.toLowerCase();
  }
}

function stripBrackets(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}

/** The port a URL connects to, with the scheme's default filled in. */
export function effectivePort(url: URL): string {
  if (url.port !== '') return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}
