/** Save, unsaved indicator, history, import/export for the open graph (the saving feature). */
export function SaveControls() {
  return null;
}
