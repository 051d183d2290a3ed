/** Run button, run dialog and run history for the open graph (the runs feature). */
export function RunControls() {
  return null;
}
