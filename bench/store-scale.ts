/**
 * Latency of count, paging and an equality filter with N stored records, in-process (no HTTP: the request
 * path's own cost is measured by the autocannon rows). The store is grown from 1,000 seeded sessions by
 * copies under new keys, so the figure is about the store and the list behaviour, not about seeding.
 * Prints one JSON line: {records, count, firstPage, deepPage, filter, sortedPage} in ms (median of runs).
 */
import { authorizationHeader, exampleToken } from '../src/auth/example-token.ts';
import { loadContract } from '../src/contract/registry.ts';
import { createMockInstance } from '../src/mock/instance.ts';

const records = Number(process.argv[2] ?? 1000);
const contract = await loadContract('game-sessions');
const mock = createMockInstance(contract, { seed: 1, fixtureCount: Math.min(records, 1000), maxRecords: Number.MAX_SAFE_INTEGER, maxStoreBytes: Number.MAX_SAFE_INTEGER });
const resource = contract.resources.get('session')!;
const table = mock.context.store.table(resource.name);
const seeded = [...table.values()];
for (let i = table.size; i < records; i++) {
  const from = seeded[i % seeded.length];
  const key = `copy-${i}`;
  table.set(key, { data: { ...from.data, [resource.key]: key }, scope: from.scope, expiresAt: from.expiresAt, sections: {} });
}

const auth = authorizationHeader(contract.security!, exampleToken(contract.security!, 'bench-user'));
const request = { method: 'GET', header: (name: string) => (name.toLowerCase() === 'authorization' ? auth : null), bytes: async () => new Uint8Array() };
const byId = (id: string) => contract.operations.find((operation) => operation.id === id)!;

async function timeOf(operationId: string, query: string): Promise<number> {
  const operation = byId(operationId);
  const url = new URL(`http://bench${operation.path}${query}`);
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const began = performance.now();
    const reply = await mock.handle(operation, request, url, {});
    times.push(performance.now() - began);
    if (reply.status >= 400) throw new Error(`${operationId}${query}: ${reply.status}`);
  }
  if (process.env.BENCH_DEBUG) console.error(operationId, query, times.map((t) => t.toFixed(1)).join(" "));
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)].toFixed(2));
}

console.log(JSON.stringify({
  records: table.size,
  count: await timeOf('countSessions', ''),
  firstPage: await timeOf('listSessions', '?limit=20'),
  deepPage: await timeOf('listSessions', `?limit=20&skip=${Math.floor(records / 2)}`),
  filter: await timeOf('countSessions', '?status=open'),
  filteredPage: await timeOf('listSessions', '?status=open&limit=20'),
  sortedPage: await timeOf('listSessions', '?sort=-numTeams&limit=20'),
}));
