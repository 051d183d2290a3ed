import { OrchestratorError } from '@beluga/orchestration';
import { networkRefusal, refusalReason } from './addressCheck.js';
import { createHostExemption, effectivePort, normaliseHost } from './networkPolicy.js';
import type { NetworkPolicy } from './networkPolicy.js';

/** Throws unless a URL may be requested; the checks that need no DNS answer. */
export type UrlCheck = (url: URL) => void;

/**
 * Checks the scheme, credentials and IP-literal host of a URL before any connection. IP literals
 * are checked here (and again by the connector) because no DNS lookup ever sees them. Host names
 * pass: their addresses are checked by the connector's lookup, at connect time.
 */
export function createUrlCheck(policy: NetworkPolicy, op: string): UrlCheck {
  const isExempt = createHostExemption(policy);
  return (url) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw invalidUrl(op, `only http: and https: URLs can be requested, not ${url.protocol}`);
    }
    // Said without echoing the URL: its user info is a credential.
    if (url.username !== '' || url.password !== '') {
      throw invalidUrl(op, 'URLs with user:password@ are refused; send an Authorization header');
    }
    if (policy.allowPrivateNetworks === true) return;
    const host = normaliseHost(url.hostname);
    if (isExempt(host, effectivePort(url))) return;
    const reason = refusalReason(host);
    if (reason !== undefined && reason !== 'not an IP address') {
      throw networkRefusal({ op, host, address: host, reason });
    }
  };
}

/** Parses a URL, refusing what WHATWG URL cannot parse with INVALID_CONFIG. */
export function parseUrl(url: string | URL, op: string): URL {
  if (url instanceof URL) return new URL(url.href);
  // No cause: URL's TypeError carries the input, which may hold a secret in its query.
  if (!URL.canParse(url)) throw invalidUrl(op, 'the URL is not a valid absolute URL');
  return new URL(url);
}

function invalidUrl(op: string, message: string): OrchestratorError {
  return new OrchestratorError({ code: 'INVALID_CONFIG', op, message, retryable: false });
}
