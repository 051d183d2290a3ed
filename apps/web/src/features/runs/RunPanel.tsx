/** The panel of the run shown on the canvas: timeline, node details, approvals (the runs feature). */
export function RunPanel() {
  return null;
}
