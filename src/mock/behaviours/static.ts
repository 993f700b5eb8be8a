import type { ResponseModel } from '../../contract/model.ts';
import { concreteMediaType } from '../../shared/media-type.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';

/**
 * An operation that fits no resource is answered statelessly: the documented example the client asks for
 * with `Prefer: example=<name>` (as Prism does), else the first documented example, else a value generated
 * from the schema (seeded at load, so the same every time), in the documented media type.
 */
export function serveStatic(_context: MockContext, request: MockRequest): MockResult {
  const { operation } = request;
  const response = operation.responses.get(String(operation.successStatus));
  if (!response || response.mediaTypes.length === 0) return { status: operation.successStatus, body: undefined };
  const example = pickExample(response, request.prefer?.example);
  const value = example !== undefined ? example : response.sample;
  return { status: operation.successStatus, ...bodyIn(response.mediaTypes[preferredIndex(response.mediaTypes)], value) };
}

function pickExample(response: ResponseModel, wanted: string | undefined): unknown {
  const named = wanted === undefined ? undefined : response.examples.find((e) => e.name === wanted);
  return structuredClone((named ?? response.examples[0])?.value);
}

function preferredIndex(types: readonly string[]): number {
  const json = types.findIndex((t) => /json/i.test(t));
  return json < 0 ? 0 : json;
}

/** A value as the body of a media type: JSON as is; text as text; anything else as a placeholder. */
export function bodyIn(mediaType: string, value: unknown): Pick<MockResult, 'body' | 'mediaType'> {
  if (mediaType.includes('*')) return bodyIn(concreteMediaType(mediaType, typeof value !== 'string'), value);
  const type = mediaType.toLowerCase();
  if (/json/.test(type)) return { body: value === undefined ? null : value, mediaType };
  if (type.startsWith('text/') || /xml|yaml|csv|html|javascript/.test(type)) {
    const text = typeof value === 'string' ? value : value === undefined ? placeholderText(type) : JSON.stringify(value);
    return { body: text, mediaType };
  }
  return { body: typeof value === 'string' ? value : '', mediaType };
}

function placeholderText(type: string): string {
  if (/xml/.test(type)) return '<?xml version="1.0" encoding="UTF-8"?><placeholder/>';
  if (/html/.test(type)) return '<!doctype html><title>placeholder</title>';
  return 'placeholder';
}
