import { styleText } from 'node:util';

type Format = Parameters<typeof styleText>[0];

/** Colours text for a terminal, or leaves it plain (pipes, NO_COLOR). */
export type Paint = (format: Format, text: string) => string;

export function painter(color: boolean): Paint {
  return color ? (format, text) => styleText(format, text) : (_format, text) => text;
}
