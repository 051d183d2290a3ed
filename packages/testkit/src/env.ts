// The environment the helpers need, read here and nowhere else. scripts/lib.sh exports both
// variables (ensure_postgres, ensure_temporal_cli); scripts/test.sh is the README's test command.

const HOW_TO_RUN =
  'Run the tests through `bash scripts/test.sh` (the README test command), or set up the ' +
  'environment first: `source scripts/lib.sh && ensure_postgres && ensure_temporal_cli`.';

/** The PostgreSQL server URL that throwaway test databases are created on. */
export function readTestDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const url = source.TEST_DATABASE_URL?.trim();
  if (!url) {
    throw new Error(
      `TEST_DATABASE_URL is not set: it names the PostgreSQL server for tests. ${HOW_TO_RUN}`,
    );
  }
  return url;
}

/** The path of the Temporal CLI binary, whose `server start-dev` the tests run. */
export function readTemporalCliPath(source: NodeJS.ProcessEnv = process.env): string {
  const path = source.TEMPORAL_CLI_PATH?.trim();
  if (!path) {
    throw new Error(
      `TEMPORAL_CLI_PATH is not set: it names the Temporal CLI binary. ${HOW_TO_RUN}`,
    );
  }
  return path;
}

/** Explains a TEMPORAL_CLI_PATH that does not lead to an executable file. */
export function missingTemporalCliMessage(path: string): string {
  return `TEMPORAL_CLI_PATH is ${path}, which is not an executable file. ${HOW_TO_RUN}`;
}
