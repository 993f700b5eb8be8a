import { describe, expect, it } from 'vitest';
import { locateRequestRecord } from '../../src/contract/infer/resources.ts';
import { recordInBody, withRecordInBody } from '../../src/rules/request-envelope.ts';

const RECORD = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, notes: { type: 'string' }, address: { type: 'object', properties: { street: { type: 'string' } } } } };
const fields = { type: 'object', properties: { name: { type: 'string' }, notes: { type: 'string' } } };

describe('where a write body carries the record', () => {
  it('inside the only property, or the only required one, that shares the record fields', () => {
    expect(locateRequestRecord({ type: 'object', properties: { data: fields } }, RECORD)).toBe('/data');
    expect(locateRequestRecord({ type: 'object', required: ['user'], properties: { user: fields, locale: { type: 'string' } } }, RECORD)).toBe('/user');
    expect(locateRequestRecord({ allOf: [{ type: 'object', properties: { 'a/b': fields } }] }, RECORD)).toBe('/a~1b');
    // Beside another object (`meta`), the property conventionally named for a record holds it.
    expect(locateRequestRecord({ type: 'object', properties: { data: fields, meta: { type: 'object' } } }, RECORD)).toBe('/data');
  });

  it('in the body itself when it holds the fields, or its only object is a field of the record', () => {
    expect(locateRequestRecord(fields, RECORD)).toBe('');
    expect(locateRequestRecord({ type: 'object', properties: { address: { type: 'object', properties: { street: { type: 'string' } } } } }, RECORD)).toBe('');
    expect(locateRequestRecord({ type: 'object', properties: { payload: fields, meta: { type: 'object' } } }, RECORD)).toBe('');
    expect(locateRequestRecord({ type: 'object', properties: { data: { type: 'array', items: fields } } }, RECORD)).toBe('');
    expect(locateRequestRecord(undefined, RECORD)).toBe('');
  });

  it('reads and writes the fields at the envelope, and the body itself without one', () => {
    const wrapped = { bodyEnvelope: '/data' };
    expect(recordInBody(wrapped, { data: { name: 'a' } })).toEqual({ name: 'a' });
    expect(recordInBody(wrapped, { data: 'text' })).toEqual({});
    expect(recordInBody(wrapped, { other: {} })).toEqual({});
    const body = { data: { name: 'a' }, extra: 1 };
    expect(withRecordInBody(wrapped, body, { name: 'b' })).toEqual({ data: { name: 'b' }, extra: 1 });
    expect(body.data.name).toBe('a');
    const plain = { name: 'a' };
    expect(recordInBody({}, plain)).toBe(plain);
    expect(withRecordInBody({}, plain, { name: 'b' })).toEqual({ name: 'b' });
  });
});
