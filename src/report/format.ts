/**
 * Small text helpers shared by the reporters. Everything here is pure and colour-free.
 */

/** `840 ms`, `4.2 s`, `1 min 12 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds === 60 ? `${minutes + 1} min` : `${minutes} min ${seconds} s`;
}

/** `1 warning`, `2 warnings`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Cuts `text` to at most `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const rest = text.length - max;
  return `${text.slice(0, max)}… (${plural(rest, 'more character')})`;
}

/**
 * A request or response body as text a person reads: JSON pretty-printed (also when it arrives as a JSON
 * string), other strings as they are, binary as a byte count. `undefined` when there is no body.
 */
export function bodyToText(body: unknown, options: { maxString?: number } = {}): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const maxString = options.maxString ?? Number.POSITIVE_INFINITY;
  // Long strings inside JSON are cut one by one, so the structure around them stays readable.
  const replacer = (key: string, value: unknown): unknown => {
    const plain = jsonReplacer(key, value);
    return typeof plain === 'string' ? truncate(plain, maxString) : plain;
  };
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(JSON.parse(trimmed), replacer, 2);
      } catch {
        return body;
      }
    }
    return body;
  }
  if (body instanceof Uint8Array) return `<${plural(body.byteLength, 'byte')} of binary data>`;
  if (body instanceof ArrayBuffer) return `<${plural(body.byteLength, 'byte')} of binary data>`;
  try {
    return JSON.stringify(body, replacer, 2) ?? String(body);
  } catch {
    return String(body);
  }
}

/** JSON.stringify replacer that never throws on values JSON has no form for. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * Makes text from the server safe to print on a terminal: control characters (escape sequences a hostile
 * or broken server could send) become visible `\u001b`-style escapes. Tabs and, unless `singleLine`,
 * newlines are kept; with `singleLine` line breaks become ` ⏎ `.
 */
export function printable(text: string, singleLine = false): string {
  let out = text.replace(/\r\n/g, '\n');
  if (singleLine) out = out.replace(/\n+/g, ' ⏎ ');
  return out.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Prefixes every line but the first with `indent` (for values that continue under a label). */
export function indentContinuation(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

/** Prefixes every line with `indent`. */
export function indentAll(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? indent + line : line))
    .join('\n');
}

/**
 * Joins `items` with `, ` into lines no wider than `width` (continuation lines start with `indent`).
 * An item longer than a line gets a line of its own.
 */
export function wrapList(prefix: string, items: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = prefix;
  let lineHasItem = false;
  items.forEach((item, index) => {
    const piece = index < items.length - 1 ? `${item},` : item;
    const candidate = lineHasItem ? `${line} ${piece}` : `${line}${piece}`;
    if (lineHasItem && candidate.length > width) {
      lines.push(line);
      line = indent + piece;
    } else {
      line = candidate;
    }
    lineHasItem = true;
  });
  lines.push(line);
  return lines.join('\n');
}
