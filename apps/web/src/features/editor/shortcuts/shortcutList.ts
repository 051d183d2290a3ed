/** Every shortcut of the editor, as the cheat sheet lists them. */
export const SHORTCUTS: { group: string; items: { keys: string[]; does: string }[] }[] = [
  {
    group: 'Edit',
    items: [
      { keys: ['Ctrl', 'Z'], does: 'Undo' },
      { keys: ['Ctrl', 'Shift', 'Z'], does: 'Redo (also Ctrl+Y)' },
      { keys: ['Ctrl', 'C'], does: 'Copy the selected nodes as JSON' },
      { keys: ['Ctrl', 'V'], does: 'Paste nodes (also from another graph)' },
      { keys: ['Ctrl', 'A'], does: 'Select everything' },
      { keys: ['Delete'], does: 'Delete the selection (also Backspace)' },
      { keys: ['Esc'], does: 'Clear the selection' },
    ],
  },
  {
    group: 'Canvas',
    items: [
      { keys: ['L'], does: 'Auto-layout, left to right' },
      { keys: ['F'], does: 'Zoom to fit' },
      { keys: ['P'], does: 'Show or hide the plan (layers, critical path)' },
      { keys: ['N'], does: 'Add a sticky note under the pointer' },
      { keys: ['Enter'], does: 'Edit the selected note (Esc to finish)' },
      { keys: ['Shift', 'drag'], does: 'Select with a box' },
      { keys: ['Ctrl', 'click'], does: 'Add to the selection' },
      { keys: ['Arrows'], does: 'Move the focused node' },
    ],
  },
  {
    group: 'Panels',
    items: [
      { keys: ['/'], does: 'Search the node palette; Enter adds the first match' },
      { keys: ['I'], does: 'Edit the selected node in the inspector' },
      { keys: ['?'], does: 'This list' },
    ],
  },
];
