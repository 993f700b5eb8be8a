import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import type { CheckResult } from '../../src/runner/events.ts';
import { checkWithDefect, type Defect } from './support/defect-proxy.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// The runner sends PATCH bodies in the patch formats a document declares and expects back what they mean
// (rules/patch-media.ts): a server that gets the format wrong is caught, the correct one passes.
const FILE_30 = fileURLToPath(new URL('../data/openapi/patch-media-3.0.yaml', import.meta.url));
const FILE_31 = fileURLToPath(new URL('../data/openapi/patch-media-3.1.yaml', import.meta.url));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const isPatch = (method: string, headers: Headers, type: string) => method === 'PATCH' && (headers.get('content-type') ?? '').startsWith(type);

/** Rewrites a JSON Patch's operations on their way to the mock. */
const operations = (keep: (op: Json) => boolean): Defect => ({
  requestBody: (method, _url, text) => {
    if (method !== 'PATCH' || !text.startsWith('[')) return text;
    return JSON.stringify((JSON.parse(text) as Json[]).filter(keep));
  },
});

function replacedByMerge(): Defect {
  const kept = new Map<string, Map<string, string[]>>();
  const itemPath = (url: string) => url.split('?')[0];
  return {
    requestBodyVia: async (_target, method, url, text, headers) => {
      if (!isPatch(method, headers, 'application/merge-patch+json')) return text;
      const fields = kept.get(itemPath(url)) ?? new Map<string, string[]>();
      for (const [field, value] of Object.entries(JSON.parse(text) as Json)) if (isObject(value)) fields.set(field, Object.keys(value));
      kept.set(itemPath(url), fields);
      return text;
    },
    response: (_method, url, status, text) => {
      const fields = kept.get(itemPath(url));
      if (!fields || status >= 300) return text;
      const record = JSON.parse(text) as Json;
      for (const [field, members] of fields) {
        const held = record[field];
        if (isObject(held)) for (const member of Object.keys(held)) if (!members.includes(member)) delete held[member];
      }
      return JSON.stringify(record);
    },
  };
}

const DEFECTS: Record<string, Defect> = {
  // A merge-patch's null members are skipped instead of removing the fields.
  mergeNullIgnored: {
    requestBodyVia: async (_target, method, _url, text, headers) => {
      if (!isPatch(method, headers, 'application/merge-patch+json')) return text;
      return JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as Json).filter(([, value]) => value !== null)));
    },
  },
  removeIgnored: operations((op) => op.op !== 'remove'),
  testIgnored: operations((op) => op.op !== 'test'),
  // The operations before a failing test are applied; the patch is then refused.
  notAtomic: {
    requestBodyVia: async (target, method, url, text, headers) => {
      if (!isPatch(method, headers, 'application/json-patch+json')) return text;
      const ops = JSON.parse(text) as Json[];
      const test = ops.findIndex((op) => op.op === 'test');
      if (test > 0) await fetch(`${target}${url}`, { method, headers: { 'content-type': 'application/json-patch+json' }, body: JSON.stringify(ops.slice(0, test)) });
      return text;
    },
  },
};

const failed = (results: readonly CheckResult[], check: string, title: RegExp) => results.filter((r) => r.status === 'fail' && r.check === check && title.test(r.title));

describe.each([['3.0', FILE_30], ['3.1', FILE_31]])('patch formats in a %s document', (_version, file) => {
  it('a check against the correct mock is clean, and exercises each format', async () => {
    const { results, summary } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
    const passed = (title: RegExp, check: string) => results.some((r) => r.status === 'pass' && r.check === check && title.test(r.title));
    expect(passed(/^read after a JSON Patch/, 'read_back')).toBe(true);
    expect(passed(/^JSON Patch whose test fails/, 'status_expected')).toBe(true);
    expect(passed(/^read after a refused JSON Patch/, 'read_back')).toBe(true);
  });

  it('a server that ignores `remove` operations fails the read after the patch', async () => {
    const results = await checkWithDefect(await loadContractFile(file), DEFECTS.removeIgnored);
    expect(failed(results, 'read_back', /^(read after a )?JSON Patch/).length).toBeGreaterThan(0);
  });

  it('a server that ignores a failing `test` fails the refusal', async () => {
    const results = await checkWithDefect(await loadContractFile(file), DEFECTS.testIgnored);
    expect(failed(results, 'status_expected', /^JSON Patch whose test fails/).length).toBeGreaterThan(0);
  });

  it('a server that applies the operations before a failing `test` fails the read after it', async () => {
    const results = await checkWithDefect(await loadContractFile(file), DEFECTS.notAtomic);
    expect(failed(results, 'read_back', /^read after a refused JSON Patch/).length).toBeGreaterThan(0);
  });

  it('a server that keeps a field a merge-patch sends as null fails the read after it', async () => {
    const results = await checkWithDefect(await loadContractFile(file), DEFECTS.mergeNullIgnored);
    expect(failed(results, 'read_back', /merge-patch/).map((r) => r.message).join('\n')).toMatch(/was removed by a patch but still reads back/);
  });

  it('a server that replaces nested objects under merge-patch fails the read after it', async () => {
    // A merge-patch of one nested member wipes its siblings, as a server storing the object sent would: the
    // proxy remembers the members each merge-patch sent per object field (a new proxy per document) and shows
    // only those from then on.
    const results = await checkWithDefect(await loadContractFile(file), replacedByMerge());
    expect(failed(results, 'read_back', /merge-patch/).length).toBeGreaterThan(0);
  });
});
