import type { MockInstance, MockReply } from './instance.ts';

/** Larger answers are refused as the client's request for too much, not built (V8 strings stop near 512 MiB). */
export const DEFAULT_MAX_RESPONSE_CHARS = 128 * 1024 * 1024;

/** Said by both state dumps (the server's and each contract's handler). */
export const STATE_TOO_LARGE = 'Failed to dump the state: it is too large to serialise. Reset the mock (POST /__harness/reset) or lower --max-store-bytes.';

/**
 * JSON text of a value, or undefined when it would exceed `maxChars` or cannot be built at all
 * (`RangeError: Invalid string length`). Other errors are the mock's own bugs and propagate.
 *
 * @example
 * stringifyWithin({ a: 1 }, 100); // '{"a":1}'
 */
export function stringifyWithin(value: unknown, maxChars: number): string | undefined {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return text.length > maxChars ? undefined : text;
}

/**
 * The reply as JSON text; an answer too large to send becomes the contract's `invalid` error asking for
 * less, so no client (a list of huge records, a huge limit) can cause a 5xx.
 *
 * @example
 * serializeReply(instance, { status: 200, body: items }).text; // '[{...}]'
 */
export function serializeReply(instance: MockInstance, reply: MockReply): { status: number; text: string | undefined } {
  if (reply.body === undefined) return { status: reply.status, text: undefined };
  const text = stringifyWithin(reply.body, instance.responseLimit);
  if (text !== undefined) return { status: reply.status, text };
  const refusal = instance.errorReply('invalid', `Failed to send the answer: it is larger than ${instance.responseLimit} characters of JSON. Ask for fewer records (a smaller limit).`);
  return { status: refusal.status, text: JSON.stringify(refusal.body) };
}
