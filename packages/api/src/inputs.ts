import { IdSchema } from '@beluga/graph';
import { z } from 'zod';

/** Ids as documents define them: no control characters (PostgreSQL text cannot hold U+0000). */
export const IdInput = IdSchema;

/** Text for a text column, which cannot hold U+0000: refused here, naming the field, not by SQL. */
export function textInput(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine((text) => !text.includes('\u0000'), 'must not contain the character U+0000');
}

export const NameInput = textInput(1, 200);

/** A page cursor's timestamp, within the years an ISO date (and so SQL) writes without a sign. */
export const CursorDateInput = z.coerce
  .date()
  .min(new Date('0001-01-01T00:00:00.000Z'))
  .max(new Date('9999-12-31T23:59:59.999Z'));
