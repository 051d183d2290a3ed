/** Exit codes of `beluga`, documented in the README; scripts branch on them. */
export const EXIT = {
  ok: 0,
  /** The run failed (a node failed, the run timed out). */
  runFailed: 1,
  /** The document could not be imported or the graph is invalid. */
  invalid: 2,
  /** Wrong command-line usage (BSD EX_USAGE). */
  usage: 64,
  /** The graph or input file cannot be read (BSD EX_NOINPUT). */
  noInput: 66,
  /** Interrupted with Ctrl-C (128 + SIGINT). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure that ends the command with a message and an exit code, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
