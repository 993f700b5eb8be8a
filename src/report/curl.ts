import type { ExchangeRecord } from '../runner/events.ts';

/** Headers curl sets itself or that would make the copy lie about the body. */
const SKIPPED_HEADERS = new Set(['content-length', 'host', 'connection', 'user-agent']);

/**
 * A `curl` command that sends `request` again. It uses the recorded (redacted) values as they are: a
 * credential shows as `[REDACTED]` and must be filled in by whoever runs the command.
 *
 * @example
 * toCurl({ method: 'POST', url: 'http://x/s', headers: { 'content-type': 'application/json' }, body: { a: 1 } });
 * // curl -sS -i -X POST http://x/s -H 'content-type: application/json' --data-raw '{"a":1}'
 */
export function toCurl(request: ExchangeRecord['request']): string {
  const parts = ['curl', '-sS', '-i', '-X', shellQuote(request.method.toUpperCase()), shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (SKIPPED_HEADERS.has(name.toLowerCase())) continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (request.body !== undefined && request.body !== null) {
    const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (body !== undefined) parts.push('--data-raw', shellQuote(body));
  }
  return parts.join(' ');
}

/** One POSIX shell word: single-quoted, a quote inside written as `'\''`. */
export function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
