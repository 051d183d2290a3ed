import type { GraphDocument } from '@beluga/graph';
import { api, errorInfo } from '../../lib/trpc';
import { createFrameBatcher } from './frameBatcher';
import { foldSnapshot } from './runSnapshot';
import { useRunView } from './runStore';
import type { RunEdge, RunEvent } from './runTypes';

/**
 * The one run shown at a time, outside React: its snapshot from runs.get, then its events over
 * SSE from the snapshot's last sequence number. tRPC's SSE link reconnects by itself and resumes
 * after the last batch it got; the fold skips anything it has already applied.
 */
interface Session {
  runId: string;
  stop: () => void;
}

let current: Session | undefined;

const view = () => useRunView.getState();

function edgesOf(document: GraphDocument | undefined): RunEdge[] {
  return (document?.edges ?? []).map(({ id, source, sourcePort, target }) => ({
    id,
    source,
    sourcePort,
    target,
  }));
}

/** Shows a run on the canvas and, while it runs, follows it live. */
export async function showRun(runId: string, options: { readOnly: boolean }): Promise<void> {
  if (current?.runId === runId) {
    if (view().readOnly !== options.readOnly) useRunView.setState({ readOnly: options.readOnly });
    return;
  }
  closeRun();
  // Locked from the first moment: the editor must not take edits while the snapshot loads.
  useRunView.setState({ readOnly: options.readOnly });
  const session: Session = { runId, stop: () => undefined };
  current = session;
  view().setConnection('connecting');
  try {
    const snapshot = await api.runs.get.query({ runId });
    const { graphId, graphVersion } = snapshot.run;
    const version = await api.versions.get
      .query({ graphId, version: graphVersion })
      .catch(() => undefined); // a deleted graph: states without the drawing
    if (current !== session) return;
    const edges = edgesOf(version?.document);
    view().showFold({
      runId,
      fold: foldSnapshot(snapshot, edges),
      edges,
      document: version?.document,
      readOnly: options.readOnly,
    });
    if (snapshot.run.status === 'running') follow(session);
    else view().setConnection('ended');
  } catch (error) {
    if (current === session) view().setConnection('error', errorInfo(error).message);
  }
}

/** Subscribes from the last applied event; events reach the store once per animation frame. */
function follow(session: Session): void {
  const { runId } = session;
  const batcher = createFrameBatcher<RunEvent>((events) => view().applyEvents(runId, events));
  let wasLive = false;
  // Callbacks of a stopped subscription (unsubscribing completes it) change nothing.
  let active = true;
  const subscription = api.runs.events.subscribe(
    { runId, lastEventId: String(view().lastSeq) },
    {
      onData: (batch) => {
        if (active) batcher.push(batch.data);
      },
      onConnectionStateChange: (state) => {
        if (!active) return;
        if (state.state === 'pending') {
          wasLive = true;
          view().setConnection('live');
        } else if (state.state === 'connecting') {
          const message = state.error ? errorInfo(state.error).message : undefined;
          view().setConnection(wasLive || state.error ? 'reconnecting' : 'connecting', message);
        }
      },
      onError: (error) => {
        if (!active) return;
        batcher.flush();
        view().setConnection('error', errorInfo(error).message);
      },
      onComplete: () => {
        if (!active) return;
        batcher.flush();
        if (view().connection !== 'error') view().setConnection('ended');
      },
    },
  );
  session.stop = () => {
    active = false;
    subscription.unsubscribe();
    batcher.dispose();
  };
}

/** After a failed stream (an error tRPC does not retry): subscribes again from where it stopped. */
export function resumeRun(): void {
  const session = current;
  if (!session || view().runId !== session.runId) return;
  session.stop();
  view().setConnection('connecting');
  follow(session);
}

/** Stops following and shows no run. */
export function closeRun(): void {
  current?.stop();
  current = undefined;
  view().clear();
}

export function shownRunId(): string | undefined {
  return current?.runId;
}

/**
 * The browser says the network is gone (Wi-Fi dropped, laptop asleep): the open stream may be a
 * dead connection that would only be noticed after the server's inactivity timeout. Drop it now
 * and subscribe again, from the last applied event, as soon as the network is back.
 */
function onOffline(): void {
  if (!current || view().runId !== current.runId) return;
  const { connection } = view();
  if (connection !== 'live' && connection !== 'connecting' && connection !== 'reconnecting') return;
  current.stop();
  view().setConnection('reconnecting', 'The browser is offline');
}

function onOnline(): void {
  const { connection, connectionError } = view();
  const dropped = connection === 'reconnecting' && connectionError === 'The browser is offline';
  if (connection === 'error' || dropped) resumeRun();
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
}
