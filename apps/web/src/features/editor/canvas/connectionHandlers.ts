import type {
  Connection as FlowConnection,
  FinalConnectionState,
  IsValidConnection,
} from '@xyflow/react';
import { toast } from '../../../components/toast';
import { editDocument, useEditorStore } from '../editorStore';
import type { Catalog } from '../model/catalogTypes';
import { connect, type Connection } from '../model/documentEdits';
import { connectionRefusal } from '../model/connectionRules';

function fromFlow(
  c:
    | FlowConnection
    | {
        source: string;
        target: string;
        sourceHandle?: string | null;
        targetHandle?: string | null;
      },
): Connection {
  return {
    source: c.source,
    sourcePort: c.sourceHandle ?? 'out',
    target: c.target,
    targetPort: c.targetHandle ?? 'in',
  };
}

function refusal(catalog: Catalog, c: Connection): string | undefined {
  const { document } = useEditorStore.getState();
  return document ? connectionRefusal(document, catalog, c) : 'No graph is open.';
}

/** The canvas's connection callbacks: refuse what validate() would reject, and say why. */
export function createConnectionHandlers(catalog: Catalog) {
  const isValidConnection: IsValidConnection = (edge) =>
    refusal(catalog, fromFlow(edge)) === undefined;
  const onConnect = (c: FlowConnection) => {
    const connection = fromFlow(c);
    const reason = refusal(catalog, connection);
    if (reason) toast({ tone: 'error', title: 'Connection refused', description: reason });
    else editDocument((doc) => connect(doc, connection));
  };
  const onConnectEnd = (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const { fromHandle, toHandle, isValid } = state;
    if (isValid || !fromHandle || !toHandle) return;
    let reason: string | undefined;
    if (fromHandle.type === toHandle.type) {
      reason = `Connect an output to an input, not two ${fromHandle.type === 'source' ? 'outputs' : 'inputs'}.`;
    } else {
      const [out, into] =
        fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
      reason = refusal(catalog, {
        source: out.nodeId,
        sourcePort: out.id ?? 'out',
        target: into.nodeId,
        targetPort: into.id ?? 'in',
      });
    }
    if (reason) toast({ tone: 'error', title: 'Connection refused', description: reason });
  };
  return { isValidConnection, onConnect, onConnectEnd };
}
