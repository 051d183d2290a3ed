import type { RunEvent } from '@beluga/orchestration';
import { describeNode, type NodeState, type RunStates } from './liveView.js';
import type { Paint } from './style.js';

export interface Renderer {
  event(event: RunEvent): void;
  /** Stops redrawing (while a prompt owns the terminal) until resume(). */
  pause(): void;
  resume(): void;
  finish(): void;
}

const FULL_LIST_LIMIT = 40;
const ACTIVE_SHOWN = 15;
const ACTIVE: ReadonlySet<NodeState> = new Set(['running', 'retrying', 'waiting', 'failed']);
const FRAME_MS = 50;

/** Redraws a block of node states in place; big graphs get counts and the active nodes. */
export function terminalRenderer(
  states: RunStates,
  write: (text: string) => void,
  paint: Paint,
): Renderer {
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  let paused = false;
  const width = Math.min(30, Math.max(8, ...[...states.nodes.keys()].map((id) => id.length)));
  const lines = (): string[] => {
    const entries = [...states.nodes.entries()];
    if (entries.length <= FULL_LIST_LIMIT)
      return entries.map(([id, status]) => describeNode(id, status, paint, width));
    const counts = Object.entries(states.counts())
      .filter(([, count]) => count > 0)
      .map(([state, count]) => `${state} ${count}`);
    const active = entries.filter(([, status]) => ACTIVE.has(status.state)).slice(0, ACTIVE_SHOWN);
    return [
      counts.join(' · '),
      ...active.map(([id, status]) => describeNode(id, status, paint, width)),
    ];
  };
  const draw = () => {
    timer = undefined;
    if (paused) return;
    const next = lines();
    write(`${drawn > 0 ? `\x1b[${drawn}A\x1b[J` : ''}${next.join('\n')}\n`);
    drawn = next.length;
  };
  return {
    event(event) {
      if (states.apply(event) === undefined && event.type !== 'node.progress') return;
      timer ??= setTimeout(draw, FRAME_MS);
    },
    pause() {
      paused = true;
      drawn = 0;
    },
    resume() {
      paused = false;
      draw();
    },
    finish() {
      clearTimeout(timer);
      paused = false;
      draw();
    },
  };
}

/** One line per state change, for logs and CI. */
export function lineRenderer(
  states: RunStates,
  write: (text: string) => void,
  paint: Paint,
): Renderer {
  const started = performance.now();
  return {
    event(event) {
      const id = states.apply(event);
      if (id === undefined) return;
      const status = states.nodes.get(id);
      if (!status || status.state === 'queued') return;
      const at = `${Math.round(performance.now() - started)} ms`.padStart(9);
      write(`${paint('gray', `[${at}]`)} ${describeNode(id, status, paint)}\n`);
    },
    pause: () => undefined,
    resume: () => undefined,
    finish: () => undefined,
  };
}
