import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, exampleToken } from '../../src/auth/example-token.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../src/mock/server.ts';

// A page on another origin (http://localhost:<other port>) attacks the mock on 127.0.0.1 from headless
// Chromium: it may call the API (CORS is open for it) but must not read state, reset or move the clock.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_REASON = `${CHROMIUM} is not installed (apt-get install chromium)`;
if (!hasChromium) console.warn(`test/browser/hostile-origin.test.ts: SKIPPED, ${SKIP_REASON}.`);
const title = hasChromium ? 'a hostile web page on another origin' : `a hostile web page on another origin (skipped: ${SKIP_REASON})`;

interface AttackResults {
  readonly apiCount: string;
  readonly readState: string;
  readonly readStateWithHeader: string;
  readonly jsonReset: string;
  readonly jsonClock: string;
  readonly simpleReset: string;
  readonly simpleClock: string;
}

describe.skipIf(!hasChromium)(title, () => {
  let mock: MockServer;
  let page: Server;
  let browser: Browser;

  beforeAll(async () => {
    mock = await startMockServer({ contracts: [await loadContract('game-sessions')], port: 0, fixtureCount: 2 });
    page = createServer((_req, res) => res.end('<!doctype html><title>hostile</title><p>nothing to see</p>'));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
    page?.closeAllConnections();
    await new Promise((resolve) => page?.close(resolve));
    await mock?.close();
  });

  it('cannot read state, reset, or move the clock, while the API stays callable', async () => {
    const game = mock.mounts[0];
    const auth = authorizationHeader(game.contract.security!, exampleToken(game.contract.security!, 'alice'));
    // Something a reset would drop.
    const created = await fetch(`${game.url}/sessions`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: '{"status":"open"}' });
    expect(created.status).toBe(201);
    const stateBefore = JSON.stringify(game.instance.state({ includeHidden: true }));
    const clockBefore = game.instance.context.clock.now().getTime();
    const tab = await browser.newPage();
    try {
      await tab.goto(`http://localhost:${(page.address() as AddressInfo).port}/`);
      const results = await tab.evaluate(async ({ mockUrl, auth }) => {
        const attempt = async (run: () => Promise<Response>) => {
          try {
            const response = await run();
            return response.type === 'opaque' ? 'opaque' : `${response.status} ${await response.text()}`;
          } catch (error) {
            return `blocked: ${(error as Error).name}`;
          }
        };
        const json = { 'content-type': 'application/json' };
        return {
          apiCount: await attempt(() => fetch(`${mockUrl}/game-sessions/sessions/count`, { headers: { authorization: auth } })),
          readState: await attempt(() => fetch(`${mockUrl}/__harness/state`)),
          readStateWithHeader: await attempt(() => fetch(`${mockUrl}/__harness/state`, { headers: { 'x-harness-control': '1' } })),
          jsonReset: await attempt(() => fetch(`${mockUrl}/__harness/reset`, { method: 'POST', headers: json, body: '{}' })),
          jsonClock: await attempt(() => fetch(`${mockUrl}/game-sessions/__harness/clock`, { method: 'POST', headers: json, body: '{"advance":"72h"}' })),
          // "Simple" requests go out without a preflight; their answers are opaque to the page.
          simpleReset: await attempt(() => fetch(`${mockUrl}/__harness/reset`, { method: 'POST', mode: 'no-cors', body: '{}' })),
          simpleClock: await attempt(() => fetch(`${mockUrl}/game-sessions/__harness/clock`, { method: 'POST', mode: 'no-cors', body: '{"advance":"72h"}' })),
        };
      }, { mockUrl: mock.url, auth }) as AttackResults;

      expect(results.apiCount).toMatch(/^200 \{"count":\d+\}$/);
      expect(results.readState).toBe('blocked: TypeError');
      expect(results.readStateWithHeader).toBe('blocked: TypeError');
      expect(results.jsonReset).toBe('blocked: TypeError');
      expect(results.jsonClock).toBe('blocked: TypeError');
      expect(results.simpleReset).toBe('opaque');
      expect(results.simpleClock).toBe('opaque');
      expect(JSON.stringify(game.instance.state({ includeHidden: true })), 'the store is as it was').toBe(stateBefore);
      expect(game.instance.context.clock.now().getTime() - clockBefore, 'the clock was not moved by 72h').toBeLessThan(3_600_000);
    } finally {
      await tab.close();
    }
  });
});
