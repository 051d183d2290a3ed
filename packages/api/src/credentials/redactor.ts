/** What a secret becomes wherever it was found. */
export const REDACTED = '[redacted]';

/** Previews end with this when they were cut (see previewOf). */
const CUT = '…';

/** A cut may leave the start of a secret this long or longer; shorter is no more than a hint. */
const MIN_TAIL = 4;

/** Replaces known secrets in strings, and in the keys and values of JSON-like data. */
export interface Redactor {
  /** Adds a secret (and the encodings it travels in). */
  add(secret: string): void;
  /** `value` with every secret replaced; the same object when there was none. */
  redact<T>(value: T): T;
  readonly size: number;
}

/**
 * The forms a secret is written in where it could reach the log: as is, base64 (an HTTP Basic
 * header), base64url, URL-encoded (a query string) and JSON-escaped (a JSON text preview).
 */
function formsOf(secret: string): string[] {
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  const forms = [
    secret,
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  return forms.filter((form) => form.length >= MIN_TAIL);
}

function cutTail(text: string, forms: readonly string[]): string {
  const body = text.slice(0, -CUT.length);
  for (const form of forms) {
    for (let length = form.length - 1; length >= MIN_TAIL; length--) {
      if (body.endsWith(form.slice(0, length)))
        return `${body.slice(0, body.length - length)}${REDACTED}${CUT}`;
    }
  }
  return text;
}

/**
 * A redactor for `secrets`: the second line of defence behind the nodes' own care, applied to
 * everything a run writes (events, outputs, errors). A preview cut in the middle of a secret
 * loses the secret's start too.
 *
 * @example
 * const redactor = createRedactor(['sk-live-0123456789']);
 * redactor.redact({ echo: 'Bearer sk-live-0123456789' }); // { echo: 'Bearer [redacted]' }
 */
export function createRedactor(secrets: Iterable<string> = []): Redactor {
  // Longest first: a form that contains another is replaced whole.
  let forms: string[] = [];
  const known = new Set<string>();

  const text = (value: string): string => {
    let result = value;
    for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result.endsWith(CUT) ? cutTail(result, forms) : result;
  };

  const walk = (value: unknown, seen: Set<object>): unknown => {
    if (typeof value === 'string') return text(value);
    if (typeof value !== 'object' || value === null || seen.has(value)) return value;
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        const items = value.map((item) => walk(item, seen));
        return items.some((item, i) => item !== value[i]) ? items : value;
      }
      if (!isPlain(value)) return value;
      let changed = false;
      const entries = Object.entries(value).map(([key, item]) => {
        const entry = [text(key), walk(item, seen)] as const;
        changed ||= entry[0] !== key || entry[1] !== item;
        return entry;
      });
      return changed ? Object.fromEntries(entries) : value;
    } finally {
      seen.delete(value);
    }
  };

  const redactor: Redactor = {
    add(secret) {
      if (secret === '' || known.has(secret)) return;
      known.add(secret);
      forms = [...new Set([...forms, ...formsOf(secret)])].sort((a, b) => b.length - a.length);
    },
    redact: <T>(value: T): T => (forms.length === 0 ? value : (walk(value, new Set()) as T)),
    get size() {
      return known.size;
    },
  };
  for (const secret of secrets) redactor.add(secret);
  return redactor;
}

function isPlain(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
