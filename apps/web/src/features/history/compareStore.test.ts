import type { GraphDocument } from '@beluga/graph';
import { afterEach, describe, expect, it } from 'vitest';
import { editDocument, useEditorStore } from '../editor/editorStore';
import { canvasDocument, isViewingRun } from '../editor/viewingRun';
import { IDLE, useCompareView } from './compareStore';
import { compareDocuments } from './versionDiff';

const doc = (name: string, nodeIds: string[]): GraphDocument => ({
  format: 'beluga.graph/v1',
  id: 'g',
  name,
  description: '',
  nodes: nodeIds.map((id) => ({
    id,
    type: 'transform',
    position: { x: 0, y: 0 },
    config: {},
    continueOnError: false,
  })),
  edges: [],
  notes: [],
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
});

describe('while two versions are compared', () => {
  afterEach(() => useCompareView.setState(IDLE));

  it('the canvas draws their union, and the document being edited takes no edit or undo', () => {
    const edited = doc('edited', ['a']);
    useEditorStore.getState().load({ id: 'g', version: 2, document: doc('v2', []) });
    useEditorStore.getState().setDocument(edited);
    const comparison = compareDocuments(doc('v1', ['a', 'b']), doc('v2', ['a', 'c']));
    useCompareView.setState({ status: 'shown', graphId: 'g', from: 1, to: 2, comparison });

    expect(isViewingRun()).toBe(true);
    expect(canvasDocument()?.nodes.map((n) => n.id)).toEqual(['b', 'a', 'c']);
    editDocument((current) => ({ ...current, name: 'changed' }));
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().document).toBe(edited);
    expect(useEditorStore.getState().dirty).toBe(true);

    useCompareView.setState(IDLE);
    expect(canvasDocument()).toBe(edited);
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().document?.name).toBe('v2');
  });

  it('the editor is locked from the moment a comparison starts loading', () => {
    useEditorStore.getState().load({ id: 'g', version: 1, document: doc('v1', []) });
    useCompareView.setState({ status: 'loading', graphId: 'g', from: 1, to: 'unsaved' });
    editDocument((current) => ({ ...current, name: 'changed' }));
    expect(useEditorStore.getState().document?.name).toBe('v1');
    expect(canvasDocument()?.name).toBe('v1');
  });
});
