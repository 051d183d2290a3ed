const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago"; the API sends dates as ISO text although its types say Date. */
export function timeAgo(date: Date | string, now = Date.now()): string {
  let amount = (new Date(date).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return relative.format(Math.round(amount), 'year');
}

/** The full local date and time, for titles and `<time>` elements. */
export function fullTime(date: Date | string): string {
  return new Date(date).toLocaleString();
}

export function isoTime(date: Date | string): string {
  return new Date(date).toISOString();
}
