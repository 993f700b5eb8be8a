/**
 * How deep JSON may nest before it is refused unread: the mock's request bodies (request-body.ts) and the
 * runner's answers (http-client.ts). Parsing a few megabytes of `[[[[...` builds millions of objects and
 * every later walk of the value (validation, copies for reports) pays for each level.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Whether a parsed value nests deeper than `limit` levels, counted as its text would be (a top-level object
 * or array is level 1); walked without recursion, so a deep value cannot overflow the stack.
 */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Whether JSON text nests deeper than `limit`: brackets outside strings counted in one pass, strings skipped
 * with `indexOf`. Allocates nothing, so it runs before the text is parsed; text that is not valid JSON may
 * give any answer (the parse then refuses it).
 */
export function jsonTextNestsDeeperThan(text: string, limit: number): boolean {
  // A text n levels deep has at least 2n characters, and depth never exceeds the number of opening brackets
  // (those inside strings only add to the count): most texts have few, counted by the native `indexOf`.
  if (text.length < 2 * limit || openersAtMost(text, limit)) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) i = closingQuote(text, i);
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

function openersAtMost(text: string, limit: number): boolean {
  let count = 0;
  for (const opener of ['{', '[']) {
    for (let at = text.indexOf(opener); at !== -1; at = text.indexOf(opener, at + 1)) if (++count > limit) return false;
  }
  return true;
}

/** The index of the quote that closes the string opened at `open` (one preceded by an even run of `\\`). */
function closingQuote(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}
