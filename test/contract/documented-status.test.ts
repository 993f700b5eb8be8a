import { describe, expect, it } from 'vitest';
import {
  BY_ANY, BY_CLASS_OR_DEFAULT, BY_CODE, BY_CODE_OR_CLASS, documentingKey, documentingResponse, isDocumentedStatus,
} from '../../src/contract/documented-status.ts';

const responses = (...keys: string[]) => new Map(keys.map((key) => [key, { key }]));

describe('documented status (one definition, named readings)', () => {
  it('prefers the code, then its class, then default', () => {
    const all = responses('404', '4XX', 'default');
    expect(documentingKey(all, 404)).toBe('404');
    expect(documentingKey(all, 409)).toBe('4XX');
    expect(documentingKey(all, 500)).toBe('default');
    expect(documentingResponse(all, 418)).toEqual({ key: '4XX' });
    expect(documentingKey(responses('200'), 404)).toBeUndefined();
  });

  it('counts only what each reading allows', () => {
    const onlyDefault = responses('default');
    expect(isDocumentedStatus(onlyDefault, 404, BY_ANY)).toBe(true);
    expect(isDocumentedStatus(onlyDefault, 404, BY_CODE_OR_CLASS)).toBe(false);
    expect(isDocumentedStatus(onlyDefault, 404, BY_CLASS_OR_DEFAULT)).toBe(true);

    const onlyClass = responses('4XX');
    expect(isDocumentedStatus(onlyClass, 404, BY_CODE_OR_CLASS)).toBe(true);
    expect(isDocumentedStatus(onlyClass, 404, BY_CODE)).toBe(false);

    const onlyCode = responses('404');
    expect(isDocumentedStatus(onlyCode, 404, BY_CODE)).toBe(true);
    expect(isDocumentedStatus(onlyCode, 404, BY_CLASS_OR_DEFAULT)).toBe(false);
    expect(documentingResponse(responses('404', 'default'), 404, BY_CLASS_OR_DEFAULT)).toEqual({ key: 'default' });
  });

  it('an absent status is never documented', () => {
    expect(isDocumentedStatus(responses('default'), undefined)).toBe(false);
  });
});
