import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { shellQuote, toCurl } from '../../src/report/curl.ts';
import { createHtmlReporter } from '../../src/report/html.ts';
import type { CheckResult, RunEvent } from '../../src/runner/events.ts';
import { tokensFor } from '../runner/support/run.ts';
import { checks, NASTY_MESSAGE, runEvents } from './fixtures.ts';
import { makeRealRuns, type RealRuns } from './support/real-runs.ts';

const run = promisify(execFile);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-report-html-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function html(events: RunEvent[]): Promise<string> {
  const reporter = createHtmlReporter({ outDir: join(dir, 'out') });
  for (const event of events) reporter.onEvent(event);
  const paths = await reporter.close();
  expect(paths).toEqual([join(dir, 'out', 'conformance.html')]);
  return readFile(paths[0], 'utf8');
}

/** The text of every `<pre class="curl">` block, unescaped. */
function curlCommands(page: string): string[] {
  return [...page.matchAll(/<pre class="curl">([^<]*)<\/pre>/g)].map((m) =>
    m[1].replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
}

describe('html reporter', () => {
  it('escapes everything that comes from the run', async () => {
    const hostile: CheckResult = {
      ...checks[1],
      title: '<img src=x onerror=alert(1)>',
      exchange: { ...checks[1].exchange!, response: { status: 201, headers: { 'x-evil': '"><script>alert(2)</script>' }, body: '</pre><script>alert(3)</script>', durationMs: 3 } },
    };
    const page = await html(runEvents({ contractTitle: 'Title <b>bold</b> & co' }, [...checks, hostile]));
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>bold');
    expect(page).not.toContain(NASTY_MESSAGE);
    expect(page).toContain('&#60;script&#62;alert(3)&#60;/script&#62;');
    expect(page).toContain('Title &#60;b&#62;bold&#60;/b&#62; &#38; co');
    // Self-contained: nothing is fetched when the page opens.
    expect(page).not.toMatch(/<(link|script|img|iframe)\b/i);
    expect(page).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
  });

  it('shows counts, coverage and each failure with its exchange, expected and actual values', async () => {
    const page = await html(runEvents());
    expect(page).toMatch(/<div class="count pass"><b>2<\/b>passed<\/div><div class="count fail"><b>1<\/b>failed/);
    expect(page).toContain('31/34 exercised');
    expect(page).toContain('<code>getSession 403</code>');
    expect(page).toContain('<h2>Failures (1)</h2>');
    expect(page).toContain('<dt>expected</dt><dd><code>400 with the error shape</code></dd>');
    expect(page).toContain('<dt>actual</dt><dd><code>201</code></dd>');
    expect(page).toContain('<dt>pointer</dt><dd><code>/numTeams</code></dd>');
    expect(page).toContain('POST http://127.0.0.1:4010/game-sessions/sessions');
    expect(page).toContain('&#34;numTeams&#34;: &#34;two&#34;');
    expect(page).toContain('<h2>Warnings (1)</h2>');
    expect(curlCommands(page)).toEqual([
      `curl -sS -i -X POST http://127.0.0.1:4010/game-sessions/sessions -H 'authorization: [redacted]' -H 'content-type: application/json' --data-raw '${JSON.stringify(checks[1].exchange!.request.body)}'`,
    ]);
  });

  it('shows the documented schema a violation broke', async () => {
    const violation: CheckResult = { ...checks[1], check: 'response_schema', schemaExcerpt: 'schema at /numTeams:\n{ "type": "integer", "description": "<teams>" }' };
    const page = await html(runEvents({}, [violation]));
    expect(page).toContain('<summary>documented schema</summary><pre class="schema">schema at /numTeams:\n{ &#34;type&#34;: &#34;integer&#34;, &#34;description&#34;: &#34;&#60;teams&#62;&#34; }</pre>');
  });
});

describe('curl commands', () => {
  it('quote any text so the shell passes it through unchanged', async () => {
    const words = ["it's", 'a "b" $HOME `id` \\ \n;|&', '', 'plain-word_1.2'];
    const { stdout } = await run('sh', ['-c', `printf '%s\\0' ${words.map(shellQuote).join(' ')}`]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(words);
  });

  it('leave headers curl sets itself out, and send raw bodies as they are', () => {
    expect(toCurl({ method: 'post', url: 'http://h/x?a=1&b=2', headers: { 'content-length': '3', 'user-agent': 'harness-check' }, body: '{bad' }))
      .toBe("curl -sS -i -X POST 'http://h/x?a=1&b=2' --data-raw '{bad'");
  });
});

describe('html from a real failing run', () => {
  let runs: RealRuns;
  let token: string;
  beforeAll(async () => {
    runs = await makeRealRuns();
    token = tokensFor(await loadContract('game-sessions')).token;
  }, 60_000);
  afterAll(() => runs?.close());

  it('keeps credentials redacted', async () => {
    const page = await html(runs.failing);
    expect(page).toContain('<h2>Failures (');
    expect(page).not.toContain(token);
    expect(page).toContain('authorization: jwt [REDACTED]');
  });

  it('gives a curl command that reproduces the failure once the credential is filled in', async () => {
    const page = await html(runs.failing);
    const command = curlCommands(page).find((c) => / -X POST \S+\/game-sessions\/sessions /.test(c));
    expect(command).toBeDefined();
    expect(command).toContain('[REDACTED]');
    const { stdout } = await run('sh', ['-c', command!.replace('[REDACTED]', token)]);
    // The proxy's injected defect: 200 where the contract documents 201.
    expect(stdout).toMatch(/^HTTP\/1\.1 200 /);
  });
});
