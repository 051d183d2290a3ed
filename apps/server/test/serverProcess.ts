import { freePort } from '@beluga/testkit';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The real server (`src/main.ts`) in its own process, as `pnpm dev` starts it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Settles when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
}

const running = new Set<ServerProcess>();

/**
 * Starts `node src/main.ts` on a free port with `env` (DATA_DIR or DATABASE_URL,
 * BELUGA_INSTANCE_ID...) and resolves once it logs "server listening".
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--conditions=@beluga/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd: SERVER_DIR,
      env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('"msg":"server listening"')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((end) =>
      reject(new Error(`the server exited before listening (${JSON.stringify(end)}):\n${output}`)),
    );
  });
  return server;
}

/** Kills (SIGKILL) every server process a test left running; resolves once they are gone. */
export async function killServers(): Promise<void> {
  await Promise.all(
    [...running].map((server) => {
      server.child.kill('SIGKILL');
      return server.exited;
    }),
  );
}
