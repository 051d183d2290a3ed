import { OrchestratorError, type ErrorCode, ERROR_CODES } from '@beluga/orchestration';

interface FailureLike {
  name?: string;
  message?: string;
  type?: string;
  cause?: FailureLike;
  details?: unknown[];
}

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function codeOfType(type: string | undefined): ErrorCode {
  return type !== undefined && CODES.has(type) ? (type as ErrorCode) : 'EXECUTION_FAILED';
}

/**
 * The failure that closed an execution (a WorkflowFailedError), as an OrchestratorError: the workflow's own code (its
 * ApplicationFailure type), CANCELLED for a cancelled or terminated one, TIMEOUT for a timed-out
 * one. Recognised by name, as Temporal recommends across contexts.
 */
export function closedFailure(workflowId: string, thrown: unknown): OrchestratorError {
  const failed = thrown as FailureLike;
  const cause = failed.cause ?? {};
  const details = { workflowId };
  switch (cause.name) {
    case 'CancelledFailure':
      return error(
        'CANCELLED',
        `Workflow execution "${workflowId}" was cancelled`,
        thrown,
        details,
      );
    case 'TerminatedFailure': {
      const reason = cause.message ?? 'terminated';
      const message = `Workflow execution "${workflowId}" was terminated: ${reason}`;
      return error('CANCELLED', message, thrown, { ...details, terminated: true, reason });
    }
    case 'TimeoutFailure':
      return error('TIMEOUT', `Workflow execution "${workflowId}" timed out`, thrown, details);
    default: {
      const message = `Workflow execution "${workflowId}" failed: ${cause.message ?? failed.message ?? ''}`;
      return error(codeOfType(cause.type), message, thrown, details);
    }
  }
}

function error(
  code: ErrorCode,
  message: string,
  cause: unknown,
  details: Record<string, unknown>,
): OrchestratorError {
  return new OrchestratorError({ code, op: 'workflow.getResult', message, cause, details });
}

/** True for Temporal's "no such execution" (WorkflowNotFoundError), by name. */
export function isNotFound(thrown: unknown): boolean {
  return (thrown as FailureLike | null)?.name === 'WorkflowNotFoundError';
}
