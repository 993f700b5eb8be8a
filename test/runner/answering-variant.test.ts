import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { asAnsweringVariant } from '../../src/runner/answering-variant.ts';
import { refusal, type Exchange, type Step } from '../../src/runner/types.ts';

const DOCUMENT = fileURLToPath(new URL('../data/openapi/fragment-variants.yaml', import.meta.url));

function exchangeOf(requestBody: unknown, status: number, body: unknown): Exchange {
  const request = { method: 'POST', url: 'http://server/boards', headers: { 'content-type': 'application/json' }, body: JSON.stringify(requestBody) };
  const response = { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body), body, isJson: true };
  return { request, requestBody, result: { request, response, durationMs: 1 }, response } as Exchange;
}

describe('the endpoint variant that answered', () => {
  it('judges a valid request answered by another variant as that variant, and a broken answer as the step', async () => {
    const contract = await loadContractFile(DOCUMENT);
    const pinned = contract.operations.find((op) => op.id === 'createPinnedBoard')!;
    const step = { operation: pinned, subject: pinned, expect: refusal('invalid'), checks: [] } as unknown as Step;
    const asPlain = asAnsweringVariant(contract, step, exchangeOf({ title: 'Roadmap' }, 201, { id: 'b1', type: 'board', title: 'Roadmap' }));
    expect(asPlain.operation.id).toBe('createBoard');
    expect(asPlain.expect.success).toBe(true);
    // No variant documents this answer: the step's own operation judges it, and its failures stand.
    expect(asAnsweringVariant(contract, step, exchangeOf({ title: 'Roadmap' }, 201, { id: 'b1', type: 'folder' }))).toBe(step);
    // A body no variant takes is not another variant's valid request.
    expect(asAnsweringVariant(contract, step, exchangeOf({ pin: 'top' }, 201, { id: 'b1', type: 'board', title: 'x' }))).toBe(step);
  });
});
