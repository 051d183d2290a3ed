import { createNodeRegistry } from '@beluga/nodes';
import type { Readable, Writable } from 'node:stream';
import { parseJson, parseRunArgs, parseValidateArgs, USAGE, type ParsedRunArgs } from './args.js';
import { loadEnv } from './env.js';
import { graphSource } from './graphSource.js';
import { CliError, EXIT, type ExitCode } from './exitCodes.js';
import { readTextFile } from './loadGraph.js';
import { lineRenderer, terminalRenderer, type Renderer } from './renderers.js';
import { runCommand } from './runCommand.js';
import { painter } from './style.js';
import { terminalApprovals } from './terminalApprovals.js';
import { validateCommand, type Output } from './validateCommand.js';

export interface CliIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Fires on Ctrl-C. */
  signal: AbortSignal;
}

async function readInput(args: ParsedRunArgs): Promise<unknown> {
  if (args.inputText !== undefined) return parseJson(args.inputText, '--input');
  if (args.inputFile !== undefined)
    return parseJson(
      await readTextFile(args.inputFile, 'input file'),
      `Input file "${args.inputFile}"`,
    );
  return {};
}

async function run(args: string[], io: CliIo, output: Output): Promise<ExitCode> {
  const env = loadEnv(io.env);
  const parsed = parseRunArgs(args);
  const source = graphSource(parsed.graph, env.token);
  const input = await readInput(parsed);
  const live = parsed.json || parsed.quiet ? 'none' : io.stderr.isTTY ? 'terminal' : 'lines';
  let renderer: Renderer | undefined;
  const interactive = io.stdin.isTTY === true && io.stderr.isTTY === true && !parsed.json;
  const approvals = terminalApprovals({
    answers: parsed.answers,
    ...(interactive
      ? {
          ask: {
            input: io.stdin,
            output: io.stderr,
            pause: () => renderer?.pause(),
            resume: () => renderer?.resume(),
          },
        }
      : {}),
  });
  const write = (text: string) => void io.stderr.write(text);
  return runCommand(
    {
      source,
      input,
      json: parsed.json,
      overrides: parsed.overrides,
      approvals,
      allowPrivateNetwork: parsed.allowPrivateNetwork || env.allowPrivateNetwork,
      credential: env.credential,
      ...(parsed.timeoutMs === undefined ? {} : { timeoutMs: parsed.timeoutMs }),
      signal: io.signal,
      renderer: (states) => {
        renderer =
          live === 'terminal'
            ? terminalRenderer(states, write, output.paint)
            : live === 'lines'
              ? lineRenderer(states, write, output.paint)
              : {
                  event: (event) => void states.apply(event),
                  pause() {},
                  resume() {},
                  finish() {},
                };
        return renderer;
      },
    },
    output,
  );
}

/** Runs one `beluga` command and returns its exit code; never throws. */
export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const color = io.stderr.isTTY === true && io.env.NO_COLOR === undefined;
  const output: Output = {
    out: (text) => void io.stdout.write(`${text}\n`),
    err: (text) => void io.stderr.write(`${text}\n`),
    paint: painter(color),
  };
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'validate': {
        const parsed = parseValidateArgs(args);
        return await validateCommand(
          parsed.file,
          { json: parsed.json, catalog: createNodeRegistry() },
          output,
        );
      }
      case 'run':
        return await run(args, io, output);
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        output.out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new CliError(`Unknown command "${command}"\n\n${USAGE}`, EXIT.usage);
    }
  } catch (error) {
    if (error instanceof CliError) {
      output.err(error.message);
      return error.exitCode;
    }
    output.err(`beluga: ${(error as Error).message}`);
    return EXIT.runFailed;
  }
}
