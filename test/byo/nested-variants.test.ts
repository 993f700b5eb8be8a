import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContractFile } from '../../src/contract/load.ts';
import { startMockServer } from '../../src/mock/server.ts';
import { checkAgainstOwnMock, failuresOf } from './support/self-check.ts';

// A create body looser than the record: a port's `primary: null` the record refuses, and `audited` required
// only in a branch of a oneOf nested inside the record's oneOf branch.
const FILE = fileURLToPath(new URL('../data/openapi/nested-variants.yaml', import.meta.url));

const WIRED = {
  title: 'Desk hub',
  kind: 'wired',
  notes: null,
  ports: [{ label: 'usb-a', primary: true }, { label: 'usb-c', primary: null }, { label: 'hdmi' }],
  powered: true,
  shared: false,
  team_id: 'team_1',
};

describe('a record whose shapes nest (oneOf inside a oneOf branch) and refuse what the create body allows', () => {
  it('the mock answers a record that fits its documented schema, keeping what the client sent where valid', async () => {
    const contract = await loadContractFile(FILE);
    const server = await startMockServer({ contracts: [contract], port: 0, atRoot: true });
    try {
      const base = server.mounts[0].url;
      const headers = { 'content-type': 'application/json', authorization: 'Bearer t' };
      const created = await fetch(`${base}/gadgets`, { method: 'POST', headers, body: JSON.stringify(WIRED) });
      expect(created.status).toBe(201);
      const body = await created.json() as Record<string, any>;
      const validate = contract.operations.find((op) => op.id === 'createGadget')!.responses.get('201')!.validate!;
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      expect(body).toMatchObject({ title: 'Desk hub', kind: 'wired', shared: false, team_id: 'team_1', audited: false });
      expect(body.ports.map((port: { label: string }) => port.label)).toEqual(['usb-a', 'usb-c', 'hdmi']);
      expect(body.ports[0].primary).toBe(true);
      const listed = await (await fetch(`${base}/gadgets?limit=50`, { headers })).json() as { data: { id: string }[] };
      expect(listed.data.map((item) => item.id)).toContain(body.id);
      const replaced = await fetch(`${base}/gadgets/${body.id}`, { method: 'PUT', headers, body: '{}' });
      expect(replaced.status).toBe(200);
      expect(validate(await replaced.json())).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('harness check against the mock is clean', async () => {
    const { summary, results } = await checkAgainstOwnMock(FILE);
    expect(failuresOf(results)).toEqual([]);
    expect(summary.exitCode).toBe(0);
  });
});
