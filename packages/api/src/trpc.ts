import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { initTRPC, TRPCError } from '@trpc/server';
import { isOrchestratorError } from '@beluga/orchestration';
import type { AccessRule } from './access.js';
import type { ApiContext } from './context.js';
import { errorDataOf, errorMessageOf, trpcCodeOf } from './errors.js';
import { apiTracer } from './telemetry.js';

/** Every procedure declares who may call it (see access.ts); the matrix test reads it. */
export interface ApiMeta {
  access: AccessRule;
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ApiMeta>()
  .create({
    // Clients get a message, a code and structured data; stacks stay on the server.
    isDev: false,
    errorFormatter({ shape, error }) {
      const internal = error.code === 'INTERNAL_SERVER_ERROR' && !isOrchestratorError(error.cause);
      return {
        message: internal ? 'Internal server error' : errorMessageOf(error),
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          ...(shape.data.path === undefined ? {} : { path: shape.data.path }),
          ...errorDataOf(error),
        },
      };
    },
    sse: {
      // A ping keeps proxies from closing a quiet stream; the client reconnects after silence.
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 45_000 },
    },
  });

/** Turns engine and repository errors (OrchestratorError) into tRPC errors with their codes. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const code = trpcCodeOf(result.error.cause);
    if (code && result.error.code === 'INTERNAL_SERVER_ERROR') {
      const cause = result.error.cause as Error;
      result.error = new TRPCError({ code, message: cause.message, cause });
    }
  }
  return result;
});

/**
 * One span per procedure call, active while it runs: what the procedure starts (a run, its
 * nodes, a Temporal workflow) is its child. The span carries the tRPC error code on failure.
 */
const traced = t.middleware(({ path, type, next }) =>
  apiTracer.startActiveSpan(
    `trpc ${path}`,
    {
      kind: SpanKind.INTERNAL,
      attributes: { 'rpc.system': 'trpc', 'rpc.method': path, 'rpc.trpc.type': type },
    },
    async (span) => {
      try {
        const result = await next();
        if (!result.ok) {
          span.setAttribute('rpc.trpc.error_code', result.error.code);
          if (result.error.code === 'INTERNAL_SERVER_ERROR')
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.message });
        }
        return result;
      } finally {
        span.end();
      }
    },
  ),
);

export const router = t.router;
export const middleware = t.middleware;
/** Procedures start from the builders of access.ts, which add who may call them. */
export const baseProcedure = t.procedure.use(traced).use(mapErrors);
export const createCallerFactory = t.createCallerFactory;
