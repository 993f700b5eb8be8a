/**
 * Latency of count, paging and an equality filter with N stored records, in-process (no HTTP: the request
 * path's own cost is measured by the autocannon rows). The store is grown from 1,000 seeded sessions by
 * copies under new keys, so the figure is about the store and the list behaviour, not about seeding.
 * Prints one JSON line in ms: the first count (it builds the indexes it uses), then the median of runs of
 * count, pages, filters and a sorted page, and a deep page right after a write (cached views rebuilt).
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

async function timeOf(operationId: string, query: string, runs = 7): Promise<number> {
  const operation = byId(operationId);
  const url = new URL(`http://bench${operation.path}${query}`);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const began = performance.now();
    const reply = await mock.handle(operation, request, url, {});
    times.push(performance.now() - began);
    if (reply.status >= 400) throw new Error(`${operationId}${query}: ${reply.status}`);
  }
  if (process.env.BENCH_DEBUG) console.error(operationId, query, times.map((t) => t.toFixed(1)).join(" "));
  times.sort((a, b) => a - b);
  return Number(times[Math.floor(times.length / 2)].toFixed(2));
}

/** A deep page just after a write: what a list costs when the cached key list must be rebuilt. */
async function deepPageAfterWrite(): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const from = seeded[run];
    table.set(`write-${run}`, { data: { ...from.data, [resource.key]: `write-${run}` }, scope: from.scope, expiresAt: from.expiresAt, sections: {} });
    times.push(await timeOf('listSessions', `?limit=20&skip=${Math.floor(records / 2)}`, 1));
  }
  return times.sort((a, b) => a - b)[2];
}

console.log(JSON.stringify({
  records: table.size,
  firstCount: await timeOf('countSessions', '', 1),
  count: await timeOf('countSessions', ''),
  firstPage: await timeOf('listSessions', '?limit=20'),
  deepPage: await timeOf('listSessions', `?limit=20&skip=${Math.floor(records / 2)}`),
  filter: await timeOf('countSessions', '?status=open'),
  filteredPage: await timeOf('listSessions', '?status=open&limit=20'),
  sortedPage: await timeOf('listSessions', '?sort=-numTeams&limit=20'),
  deepPageAfterWrite: await deepPageAfterWrite(),
}));
