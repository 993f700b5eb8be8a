import type { MockInstance, MockReply } from './instance.ts';
import { encodeReply, type EncodedReply } from './reply-encoding.ts';

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
 * The reply as bytes on the wire (reply-encoding.ts); an answer too large to send becomes the contract's
 * `invalid` error asking for less, so no client (a list of huge records, a huge limit) can cause a 5xx.
 *
 * @example
 * serializeReply(instance, { status: 200, body: items }).text; // '[{...}]'
 */
export function serializeReply(instance: MockInstance, reply: MockReply): EncodedReply {
  if (reply.body === undefined || typeof reply.body === 'string') return limited(instance, encodeReply(reply));
  const text = stringifyWithin(reply.body, instance.responseLimit);
  if (text !== undefined) return encodeReply(reply, text);
  return encodeReply(refusal(instance));
}

function limited(instance: MockInstance, encoded: EncodedReply): EncodedReply {
  return encoded.text !== undefined && encoded.text.length > instance.responseLimit ? encodeReply(refusal(instance)) : encoded;
}

function refusal(instance: MockInstance): MockReply {
  return instance.errorReply('invalid', `Failed to send the answer: it is larger than ${instance.responseLimit} characters of JSON. Ask for fewer records (a smaller limit).`);
}
