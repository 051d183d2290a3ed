import type { GraphDocument } from '@beluga/graph';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { IDLE, useCompareView, type CompareSide } from './compareStore';
import { compareDocuments } from './versionDiff';

/** Stored versions never change: each is fetched once per page. */
const versions = new Map<string, Promise<GraphDocument>>();

function documentOf(graphId: string, side: CompareSide): Promise<GraphDocument> {
  if (side === 'unsaved') {
    const { document } = useEditorStore.getState();
    return document ? Promise.resolve(document) : Promise.reject(new Error('No graph is open'));
  }
  const key = `${graphId}\u0000${side}`;
  let found = versions.get(key);
  if (!found) {
    found = api.versions.get.query({ graphId, version: side }).then((stored) => stored.document);
    found.catch(() => versions.delete(key)); // a failed fetch is tried again next time
    versions.set(key, found);
  }
  return found;
}

/** Counts the requests, so a slower earlier answer never replaces a later one. */
let latest = 0;

/** Shows on the canvas how `to` differs from `from`; the canvas is read-only from this moment. */
export async function compareVersions(
  graphId: string,
  from: CompareSide,
  to: CompareSide,
): Promise<void> {
  const request = ++latest;
  useCompareView.setState({ status: 'loading', graphId, from, to, error: undefined });
  try {
    const [before, after] = await Promise.all([documentOf(graphId, from), documentOf(graphId, to)]);
    if (request !== latest) return;
    useCompareView.setState({ status: 'shown', comparison: compareDocuments(before, after) });
  } catch (error) {
    if (request === latest)
      useCompareView.setState({ status: 'error', error: errorInfo(error).message });
  }
}

/** Changes one side of the open comparison. */
export function compareSide(which: 'from' | 'to', side: CompareSide): void {
  const { graphId, from, to } = useCompareView.getState();
  if (!graphId || from === undefined || to === undefined) return;
  void compareVersions(graphId, which === 'from' ? side : from, which === 'to' ? side : to);
}

export function swapSides(): void {
  const { graphId, from, to } = useCompareView.getState();
  if (graphId && from !== undefined && to !== undefined) void compareVersions(graphId, to, from);
}

/** Back to editing: the canvas draws the document being edited again. */
export function closeComparison(): void {
  latest += 1;
  useCompareView.setState(IDLE);
}
