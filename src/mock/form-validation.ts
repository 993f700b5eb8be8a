import type { Validator } from '../schema/ajv.ts';

/**
 * A form body (every value text) against its schema. The coercing validator turns text into the schema's
 * types, but ajv coerces inside each `oneOf`/`anyOf` branch in place: a field of `oneOf: [boolean, string,
 * array]` sent as `value=text` becomes `['text']` in the array branch after the string branch matched, and
 * the `oneOf` then fails. So the coercion runs on a copy, kept when it passes; else the copy with those
 * wraps undone (the text as sent, every other field as coerced) is validated as sent, then the body as
 * sent. The body takes the first reading that passes. Returns the validator whose errors explain a
 * refusal, or undefined when valid.
 */
export function validateFormBody(body: Record<string, unknown>, coercing: Validator, asSent: Validator | undefined): Validator | undefined {
  const coerced = structuredClone(body);
  if (coercing(coerced)) return keep(body, coerced);
  const errors = coercing.errors;
  if (asSent) {
    const unwrapped = withWrapsUndone(body, coerced);
    if (asSent(unwrapped)) return keep(body, unwrapped);
    if (asSent(body)) return undefined;
  }
  coercing.errors = errors;
  return coercing;
}

/** Fields coerced from one text into a one-item list get their text back. */
function withWrapsUndone(sent: Record<string, unknown>, coerced: Record<string, unknown>): Record<string, unknown> {
  const result = { ...coerced };
  for (const [key, value] of Object.entries(sent)) {
    if (typeof value === 'string' && Array.isArray(coerced[key])) result[key] = value;
  }
  return result;
}

function keep(body: Record<string, unknown>, reading: Record<string, unknown>): undefined {
  for (const key of Object.keys(body)) delete body[key];
  Object.assign(body, reading);
  return undefined;
}
