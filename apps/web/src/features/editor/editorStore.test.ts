import type { GraphDocument } from '@beluga/graph';
import { beforeEach, describe, expect, it } from 'vitest';
import { useRunView } from '../runs/runStore';
import { editDocument, useEditorStore } from './editorStore';

const doc = (name: string): GraphDocument => ({
  format: 'beluga.graph/v1',
  id: 'g',
  name,
  description: '',
  nodes: [],
  edges: [],
  notes: [],
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
});

describe('editor history', () => {
  beforeEach(() => useEditorStore.getState().load({ id: 'g', version: 1, document: doc('v0') }));

  it('undoes and redoes document edits; a new edit clears redo', () => {
    const store = useEditorStore.getState();
    store.setDocument(doc('v1'));
    store.setDocument(doc('v2'));
    store.undo();
    expect(useEditorStore.getState().document?.name).toBe('v1');
    store.undo();
    expect(useEditorStore.getState().document?.name).toBe('v0');
    store.redo();
    expect(useEditorStore.getState().document?.name).toBe('v1');
    store.setDocument(doc('v3'));
    expect(useEditorStore.getState().future).toHaveLength(0);
    expect(useEditorStore.getState().dirty).toBe(true);
  });

  it('makes quick edits under one key a single undo step', () => {
    editDocument(() => doc('a'), 'label');
    editDocument(() => doc('ab'), 'label');
    editDocument(() => doc('abc'), 'label');
    useEditorStore.getState().undo();
    expect(useEditorStore.getState().document?.name).toBe('v0');
  });

  it('takes no edit, undo or redo while a past run is viewed, and keeps the history', () => {
    editDocument(() => doc('v1'));
    editDocument(() => doc('v2'));
    useEditorStore.getState().undo();
    useRunView.setState({ readOnly: true });
    try {
      editDocument(() => doc('from the run view'));
      useEditorStore.getState().undo();
      useEditorStore.getState().redo();
      const state = useEditorStore.getState();
      expect(state.document?.name).toBe('v1');
      expect(state.past.map((d) => d.name)).toEqual(['v0']);
      expect(state.future.map((d) => d.name)).toEqual(['v2']);
    } finally {
      useRunView.setState({ readOnly: false });
    }
    useEditorStore.getState().redo();
    expect(useEditorStore.getState().document?.name).toBe('v2');
  });

  it('load clears history', () => {
    useEditorStore.getState().setDocument(doc('v1'));
    useEditorStore.getState().load({ id: 'h', version: 3, document: doc('other') });
    expect(useEditorStore.getState().past).toHaveLength(0);
    expect(useEditorStore.getState().dirty).toBe(false);
  });
});
