import { loadContract } from '../../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../../src/mock/server.ts';
import type { RunEvent } from '../../../src/runner/events.ts';
import { startProxy, splitPath, type Proxy } from '../../runner/support/proxy.ts';
import { check } from '../../runner/support/run.ts';

export interface RealRuns {
  /** game-sessions against the correct mock: exit code 0. */
  readonly passing: RunEvent[];
  /** game-sessions through a proxy that answers 200 where 201 is documented: exit code 1. */
  readonly failing: RunEvent[];
  close(): Promise<void>;
}

/** Runs the conformance runner for real, once against the mock and once against a broken proxy in front of it. */
export async function makeRealRuns(): Promise<RealRuns> {
  const contract = await loadContract('game-sessions');
  const mock: MockServer = await startMockServer({ contracts: [contract], port: 0 });
  let proxy: Proxy | undefined;
  try {
    const passing = (await check(contract, `${mock.url}/game-sessions`)).events;
    await fetch(`${mock.url}/__harness/reset`, { method: 'POST' });
    proxy = await startProxy(mock.url, {
      response: (request, response) =>
        request.method === 'POST' && /^\/game-sessions\/sessions$/.test(splitPath(request.path).pathname) && response.status === 201
          ? { ...response, status: 200 }
          : undefined,
    });
    const failing = (await check(contract, `${proxy.url}/game-sessions`)).events;
    const opened = proxy;
    return {
      passing,
      failing,
      close: async () => {
        await opened.close();
        await mock.close();
      },
    };
  } catch (error) {
    await proxy?.close();
    await mock.close();
    throw error;
  }
}
