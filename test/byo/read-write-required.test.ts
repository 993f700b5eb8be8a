import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

/** `required` beside readOnly (the server's id) and writeOnly (a password): each binds one direction only. */
const file = fileURLToPath(new URL('../data/openapi/read-write-required.yaml', import.meta.url));

describe('read-write-required.yaml: required readOnly and writeOnly fields', () => {
  it('bodies need not carry readOnly fields, answers need not (and must not) carry writeOnly ones', async () => {
    const contract = await loadContractFile(file);
    const operation = (id: string) => contract.operations.find((op) => op.id === id)!;
    const body = operation('createAccount').body!.validate;
    expect(body({ email: 'kit@example.com', password: 'long enough' })).toBe(true);
    expect(body({ email: 'kit@example.com' }), 'a writeOnly field is still required in a body').toBe(false);
    const answer = operation('getAccount').responses.get('200')!.validate!;
    expect(answer({ id: 1, createdAt: '2024-01-01T00:00:00Z', email: 'kit@example.com' })).toBe(true);
    expect(answer({ email: 'kit@example.com' }), 'a readOnly field is still required in an answer').toBe(false);
  });

  it('the mock creates from what a client sends and never shows the password', async () => {
    const contract = await loadContractFile(file);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const created = await fetch(`${server.mounts[0].url}/accounts`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'kit@example.com', password: 'long enough' }),
      });
      expect(created.status).toBe(201);
      const record = await created.json() as Record<string, unknown>;
      expect(record).toMatchObject({ email: 'kit@example.com' });
      expect(record).not.toHaveProperty('password');
      expect(typeof record.id).toBe('number');
    } finally {
      await server.close();
    }
  });

  it('the runner passes the own mock', async () => {
    const { results } = await checkAgainstOwnMock(file);
    expect(failuresOf(results)).toEqual([]);
  });
});
