import { create } from 'zustand';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastMessage {
  id: number;
  tone: ToastTone;
  title: string;
  description?: string;
}

interface ToastState {
  toasts: ToastMessage[];
  dismiss: (id: number) => void;
}

let nextId = 1;
const TOAST_MS = 6000;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/** Shows a short message in the corner; it goes away by itself. Callable from anywhere. */
export function toast(message: Omit<ToastMessage, 'id'>): number {
  const id = nextId++;
  // Same message twice in a row: keep one on screen.
  useToasts.setState((state) => ({
    toasts: [
      ...state.toasts.filter((t) => t.title !== message.title).slice(-3),
      { ...message, id },
    ],
  }));
  setTimeout(() => useToasts.getState().dismiss(id), TOAST_MS);
  return id;
}
