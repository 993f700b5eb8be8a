import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrowserExample } from '../../examples/browser/build.ts';
import { serveDirectory, type StaticServer } from '../../examples/browser/serve.ts';
import { fixtureFileFor, loadContract } from '../../src/contract/registry.ts';
import { parseFixtureSpec } from '../../src/seeder/spec.ts';
import { createMockInstance } from '../../src/mock/instance.ts';

// The example page (examples/browser) in headless Chromium: msw's service worker answers the vendors' real
// URLs from the contract-driven mock. Debian's chromium package provides the browser; CI installs it.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_REASON = `${CHROMIUM} is not installed (apt-get install chromium)`;
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
if (!hasChromium) console.warn(`test/browser/browser.test.ts: SKIPPED, ${SKIP_REASON}.`);

const EXPECTED_FAILED_LOADS = /^Failed to load resource: the server responded with a status of (404|503) /;

const title = hasChromium ? 'browser example in headless Chromium' : `browser example in headless Chromium (skipped: ${SKIP_REASON})`;

describe.skipIf(!hasChromium)(title, () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  const text = (testId: string) => page.getByTestId(testId).textContent().then((value) => value ?? '');
  const json = async (testId: string) => JSON.parse(await text(testId)) as Record<string, unknown>;

  /** Clicks a button and waits until the page says that action finished (body[data-finished] grows). */
  async function click(testId: string): Promise<void> {
    const before = Number(await page.evaluate(() => document.body.dataset.finished ?? '0'));
    await page.getByTestId(testId).click();
    await page.waitForFunction((n) => Number(document.body.dataset.finished ?? '0') > n, before, { timeout: 10_000 });
  }

  const screenshot = (name: string) => page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    const { outdir } = await buildBrowserExample();
    server = await serveDirectory(outdir, 0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Every host but the page's own resolves nowhere: an answer from a vendor URL can only come from the worker.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every 4xx/5xx answer as a failed resource; the 503 and the 404 are the ones asked for.
      if (message.type() === 'error' && !EXPECTED_FAILED_LOADS.test(message.text())) problems.push(`console error: ${message.text()}`);
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="mock-status"][data-state="ready"], [data-testid="mock-status"][data-state="failed"]').waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    if (page) await screenshot('final').catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('starts the worker with both contracts at their real URLs', async () => {
    expect(await text('mock-status')).toBe('ready: gigs-connect-sessions at https://api.gigs.com, game-sessions at https://game-sessions.example.com');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/mockServiceWorker\.js$/);
  });

  it('creates a Gigs connect session at https://api.gigs.com', async () => {
    await click('gigs-create');
    expect(await text('gigs-create-status')).toBe('201');
    const id = await text('gigs-session-id');
    expect(id).toMatch(/^csn_[A-Za-z0-9]{28}$/);
    const body = await json('gigs-create-body');
    expect(body).toMatchObject({ object: 'connectSession', id, callbackUrl: 'https://example.com/done', intent: { type: 'checkoutNewSubscription' } });
    expect(body.url).toMatch(/^https:\/\//);
    await screenshot('1-gigs-create');
  });

  it('reads the same session back (state kept in the page)', async () => {
    await click('gigs-read');
    expect(await text('gigs-read-status')).toBe('200');
    const body = await json('gigs-read-body');
    expect(body).toMatchObject({ object: 'connectSession', id: await text('gigs-session-id'), intent: { type: 'checkoutNewSubscription' } });
    expect(body.url ?? null).toBeNull();
    await screenshot('2-gigs-read');
  });

  it('lists the seeded game sessions with a decodable JWT', async () => {
    await click('game-list');
    expect(await text('game-list-status')).toBe('200');
    const count = Number(await text('game-list-count'));
    expect(count).toBeGreaterThan(0);
    const listed = await page.getByTestId('game-sessions').locator('li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.uid));
    expect(listed).toHaveLength(count);
    // The same seed gives the same data in the browser as in Node: the public seeded sessions (seed 1, as the page).
    const contract = await loadContract('game-sessions');
    const fixtureFile = fixtureFileFor(contract);
    const fixtures = parseFixtureSpec(fixtureFile, await readFile(fixtureFile, 'utf8'));
    const seeded = createMockInstance(contract, { seed: 1, fixtures }).state().session as { uid: string; visibility?: string }[];
    expect(listed).toEqual(seeded.filter((s) => s.visibility !== 'private').map((s) => s.uid));
    expect(await text('game-join-target')).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot('3-game-list');
  });

  it('joins one game session', async () => {
    const target = await text('game-join-target');
    await click('game-join');
    expect(await text('game-join-status')).toBe('200');
    expect(await text('game-joined')).toBe('yes');
    const body = await json('game-join-body');
    expect(body.uid).toBe(target);
    expect(body.users).toContain('browser-user');
    expect(await text('game-join-members')).toBe(String((body.users as unknown[]).length));
    await screenshot('4-game-join');
  });

  it('shows an injected 503 in the Gigs error shape', async () => {
    await click('inject-error');
    expect(await text('error-status')).toBe('503');
    expect(await json('error-body')).toMatchObject({ object: 'error', message: expect.any(String) });
    await screenshot('5-injected-error');
  });

  it('resets the mock: the created session is gone', async () => {
    await click('reset');
    expect(await text('reset-status')).toMatch(/^reset at /);
    await click('gigs-read');
    expect(await text('gigs-read-status')).toBe('404');
    expect(await json('gigs-read-body')).toMatchObject({ object: 'error', type: 'notFound' });
    await screenshot('6-after-reset');
  });

  it('reached no vendor host over the network and logged no error', () => {
    expect(problems).toEqual([]);
    // Requests the worker answered still show up here; with every other host unresolvable they could not
    // have been answered by anything else.
    expect(requests.filter((url) => !url.startsWith(server.url) && !/^https:\/\/(api\.gigs\.com|game-sessions\.example\.com)\//.test(url))).toEqual([]);
  });
});
