import { describe, expect, it } from 'vitest';
import { isJsonMediaType, mediaTypeMatches, mediaTypeOf } from '../../src/shared/media-type.ts';

describe('media types (one implementation for the mock and the runner)', () => {
  it('drop parameters and case', () => {
    expect(mediaTypeOf(' Application/JSON ; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf('text/plain')).toBe('text/plain');
    // A parameter written after a comma (a document's `;` misspelt): the same type for the mock and the runner.
    expect(mediaTypeOf('application/json, okta-version=1.0.0')).toBe('application/json');
    expect(isJsonMediaType('application/json, okta-version=1.0.0')).toBe(true);
  });

  it('recognise JSON and its suffixed forms only', () => {
    for (const type of ['application/json', 'application/problem+json; charset=utf-8', 'application/jsonc']) expect(isJsonMediaType(type), type).toBe(true);
    for (const type of [undefined, '', 'text/plain', 'application/jsonl', 'application/x-www-form-urlencoded']) expect(isJsonMediaType(type), String(type)).toBe(false);
  });

  it('match exact types, wildcards, and +json under application/json', () => {
    expect(mediaTypeMatches('application/json; charset=utf-8', 'application/json')).toBe(true);
    expect(mediaTypeMatches('*/*', 'image/png')).toBe(true);
    expect(mediaTypeMatches('text/*', 'text/csv')).toBe(true);
    expect(mediaTypeMatches('text/*', 'application/csv')).toBe(false);
    expect(mediaTypeMatches('application/json', 'application/problem+json')).toBe(true);
    expect(mediaTypeMatches('application/problem+json', 'application/json')).toBe(false);
    expect(mediaTypeMatches('application/xml', 'application/json')).toBe(false);
  });
});
