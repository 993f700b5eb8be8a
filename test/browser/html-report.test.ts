import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHtmlReporter } from '../../src/report/html.ts';
import { makeRealRuns, type RealRuns } from '../report/support/real-runs.ts';

// The HTML report of a failing run, opened from disk in headless Chromium as a person would open it.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_REASON = `${CHROMIUM} is not installed (apt-get install chromium)`;
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
if (!hasChromium) console.warn(`test/browser/html-report.test.ts: SKIPPED, ${SKIP_REASON}.`);

const title = hasChromium ? 'HTML report in headless Chromium' : `HTML report in headless Chromium (skipped: ${SKIP_REASON})`;

describe.skipIf(!hasChromium)(title, () => {
  let runs: RealRuns;
  let dir: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await mkdir(OUTPUT, { recursive: true });
    dir = await mkdtemp(join(tmpdir(), 'harness-html-browser-'));
    runs = await makeRealRuns();
    const reporter = createHtmlReporter({ outDir: dir });
    for (const event of runs.failing) reporter.onEvent(event);
    const [file] = await reporter.close();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(pathToFileURL(file).href);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await runs?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows the verdict, the counts and each failure with a curl command', async () => {
    expect(await page.title()).toBe('harness check: game-sessions');
    expect(await page.locator('.verdict').first().textContent()).toBe('failed');
    expect(Number(await page.locator('.count.fail b').textContent())).toBeGreaterThan(0);
    const failures = page.locator('.card.failure');
    expect(await failures.count()).toBeGreaterThan(0);
    await failures.first().locator('summary', { hasText: 'reproduce with curl' }).click();
    expect(await failures.first().locator('pre.curl').isVisible()).toBe(true);
    expect(await failures.first().locator('pre.curl').textContent()).toMatch(/^curl -sS -i -X /);
  });

  it('loads nothing but itself, with no errors, and screenshots', async () => {
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(requests).toHaveLength(1);
    expect(problems).toEqual([]);
    const path = join(OUTPUT, 'html-report-failing.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path, fullPage: false });
    expect((await stat(path)).size).toBeGreaterThan(10_000);
  });
});
