import { OrchestratorError } from '@beluga/orchestration';

/**
 * The value of a named credential for the run that asks; undefined when there is no such
 * credential. The server answers from the run's workspace, the CLI from the environment.
 */
export type CredentialResolver = (
  name: string,
  run: { runId: string },
) => string | undefined | Promise<string | undefined>;

export interface CredentialLookup {
  resolve: CredentialResolver;
  runId: string;
  /** The node type asking, for the error's `op`. */
  op: string;
  /** The config field that names the credential (`credential`, `auth.credential`). */
  field: string;
}

/**
 * The value of credential `name`, fit for an HTTP header; otherwise an `INVALID_CONFIG` error
 * that names the credential and never shows its value.
 */
export async function credentialValueOf(name: string, lookup: CredentialLookup): Promise<string> {
  const value = await lookup.resolve(name, { runId: lookup.runId });
  const problem =
    value === undefined || value === ''
      ? `The credential "${name}" is not defined`
      : // Such a value would fail inside fetch, whose message would quote it.
        /[^\x20-\x7e]/.test(value)
        ? `The credential "${name}" holds characters an HTTP header cannot carry`
        : undefined;
  if (problem === undefined) return value as string;
  throw new OrchestratorError({
    code: 'INVALID_CONFIG',
    op: lookup.op,
    message: problem,
    field: lookup.field,
  });
}
