/** The drag-and-drop data type of a node type dragged from the palette. */
export const PALETTE_DRAG_TYPE = 'application/x-beluga-node-type';
