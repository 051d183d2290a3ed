import type { PointerEvent } from 'react';

let last: { x: number; y: number } | undefined;

/** Remembers where the pointer is over the canvas (screen coordinates), forgotten as it leaves. */
export function trackPointer(event: PointerEvent): void {
  last = event.type === 'pointerleave' ? undefined : { x: event.clientX, y: event.clientY };
}

/** The pointer's screen position while it is over the canvas: where `N` puts a note. */
export function pointerOverCanvas(): { x: number; y: number } | undefined {
  return last;
}
