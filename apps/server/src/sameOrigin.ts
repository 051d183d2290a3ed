import type { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a request names, from Origin or else Referer; undefined when it names none. */
function originOf(origin: string | undefined, referer: string | undefined): string | undefined {
  const source = origin ?? referer;
  if (source === undefined || source === 'null') return source;
  try {
    return new URL(source).host;
  } catch {
    return 'null';
  }
}

/**
 * Refuses cross-site requests that change state with the browser's cookies (CSRF): a
 * cookie-carrying POST must come from a page of this server, as its Origin (or Referer) says.
 * Calls with an API token carry no cookie and are not concerned. SameSite=Lax cookies already
 * stay home on cross-site POSTs in current browsers; this holds where they do not.
 */
export function sameOriginWrites(): RequestHandler {
  return (request, response, next) => {
    if (SAFE_METHODS.has(request.method) || !request.headers.cookie) {
      next();
      return;
    }
    const from = originOf(request.headers.origin, request.headers.referer);
    const site = request.headers['sec-fetch-site'];
    const sameOrigin =
      from === undefined
        ? site === undefined || site === 'same-origin'
        : from === request.headers.host;
    if (sameOrigin) {
      next();
      return;
    }
    response.status(403).json({
      error: {
        message: 'Cross-site request refused: this call must come from a page of this server',
        code: -32003,
        data: { code: 'FORBIDDEN', httpStatus: 403, errorCode: 'CROSS_SITE' },
      },
    });
  };
}
