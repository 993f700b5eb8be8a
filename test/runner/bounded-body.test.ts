import { describe, expect, it } from 'vitest';
import { boundBody, RECORDED_LIMITS } from '../../src/runner/bounded-body.ts';

describe('boundBody', () => {
  it('cuts long strings, long arrays and wide objects with visible markers, keeping order', () => {
    const body = { text: 'x'.repeat(5000), list: Array.from({ length: 150 }, (_, i) => i), wide: Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, i])) };
    const bounded = boundBody(body) as { text: string; list: unknown[]; wide: Record<string, unknown> };
    expect(bounded.text).toBe(`${'x'.repeat(4096)}... [cut: 5000 characters in all]`);
    expect(bounded.list.slice(0, 3)).toEqual([0, 1, 2]);
    expect(bounded.list).toHaveLength(101);
    expect(bounded.list[100]).toBe('[cut: 50 more of 150]');
    expect(Object.keys(bounded.wide)).toHaveLength(101);
    expect(bounded.wide['[cut]']).toBe('[cut: 20 more of 120]');
  });

  it('stops after a total number of values', () => {
    const body = Array.from({ length: 100 }, () => Array.from({ length: 100 }, () => 1));
    const text = JSON.stringify(boundBody(body));
    expect(text).toContain(`[cut: more than ${RECORDED_LIMITS.nodes} values]`);
    expect(text.length).toBeLessThan(20_000);
  });

  it('keeps a JSON `__proto__` key as data', () => {
    const bounded = boundBody(JSON.parse('{"__proto__": {"polluted": true}}')) as object;
    expect(Object.getPrototypeOf(bounded)).toBe(Object.prototype);
    expect(JSON.stringify(bounded)).toBe('{"__proto__":{"polluted":true}}');
  });
});
