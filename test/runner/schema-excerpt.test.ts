import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { schemaExcerpt } from '../../src/runner/schema-excerpt.ts';
import type { Exchange } from '../../src/runner/types.ts';

const contract = await loadContract('game-sessions');
const create = contract.operations.find((op) => op.id === 'createSession')!;
const answered = (status: number) => ({ response: { status } }) as unknown as Exchange;

describe('schemaExcerpt', () => {
  it('shows the part of the documented response schema at the failing pointer', () => {
    const excerpt = schemaExcerpt('response_schema', create, answered(201), '/numTeams');
    expect(excerpt).toMatch(/^schema at \/numTeams:\n\{\n/);
    const documented = (create.responses.get('201')!.schema as { properties: Record<string, unknown> }).properties.numTeams;
    expect(JSON.parse(excerpt!.slice(excerpt!.indexOf('\n') + 1))).toEqual(documented);
  });

  it('goes as deep as the schema does, and shows the whole schema for the whole body', () => {
    expect(schemaExcerpt('response_schema', create, answered(201), '/numTeams/deeper/still')).toMatch(/^schema at \/numTeams:\n/);
    expect(schemaExcerpt('response_schema', create, answered(201), '')).toMatch(/^schema:\n\{/);
  });

  it('is only for schema checks with a documented schema', () => {
    expect(schemaExcerpt('status_documented', create, answered(201), '/numTeams')).toBeUndefined();
    expect(schemaExcerpt('response_schema', create, { response: undefined } as unknown as Exchange, '/x')).toBeUndefined();
  });

  it('survives a schema that refers to itself', async () => {
    const node: Record<string, unknown> = { type: 'object' };
    node.properties = { child: node };
    const operation = { ...create, responses: new Map([['200', { ...create.responses.get('201')!, schema: node }]]) };
    expect(schemaExcerpt('response_schema', operation, answered(200), '/child/child')).toContain('"child": "[recursive]"');
  });

  it('stops writing a schema whose shared parts would expand without end', () => {
    // 2^40 paths through 40 shared levels: written out in full it would never finish.
    let level: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 40; i++) level = { type: 'object', properties: { a: level, b: level } };
    const operation = { ...create, responses: new Map([['200', { ...create.responses.get('201')!, schema: level }]]) };
    const excerpt = schemaExcerpt('response_schema', operation, answered(200), '')!;
    expect(excerpt.length).toBeLessThan(2200);
    expect(excerpt.endsWith('… (cut)')).toBe(true);
  });
});
