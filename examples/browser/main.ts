/**
 * The example page: starts msw's worker with the contract-driven mock, then calls the vendors' real URLs.
 * Built by build.ts (esbuild imports the YAML files as text); every result lands in an element with a
 * stable data-testid, which test/browser/browser.test.ts reads.
 */
import { setupWorker } from 'msw/browser';
import { createBrowserHandlers } from '../../src/browser.ts';
import gigsContract from '../../contracts/gigs-connect-sessions.yaml';
import gigsFixtures from '../../fixtures/gigs-connect-sessions.yaml';
import gameContract from '../../contracts/game-sessions.yaml';
import gameFixtures from '../../fixtures/game-sessions.yaml';

const GIGS_BASE = 'https://api.gigs.com';
const GIGS_HEADERS = { authorization: 'Bearer demo-key', 'content-type': 'application/json' };
const GAME_USER = 'browser-user';

const mock = createBrowserHandlers([
  { id: 'gigs-connect-sessions', text: gigsContract, fixturesText: gigsFixtures },
  { id: 'game-sessions', text: gameContract, fixturesText: gameFixtures },
], { seed: 1 });
// The game back-end publishes no URL: its contract's server URL is a placeholder, answered all the same.
const GAME_BASE = mock.mocks['game-sessions'].baseUrl;
const GAME_HEADERS = { authorization: `jwt ${unsignedJwt({ sub: GAME_USER })}` };

/** For poking at the mock from the devtools console: `contractHarness.mocks['game-sessions'].instance.state()`. */
(globalThis as Record<string, unknown>).contractHarness = mock;

let connectSessionId: string | undefined;
let joinTarget: string | undefined;

function $(testId: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`The page has no element with data-testid="${testId}".`);
  return element;
}

function show(testId: string, value: unknown): void {
  $(testId).textContent = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** A JWT the mock can decode (it verifies signatures only when given a secret): header.payload.<empty>. */
function unsignedJwt(claims: Record<string, unknown>): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iat: Math.floor(Date.now() / 1000), ...claims })}.`;
}

/** fetch + JSON; a failed fetch shows as status "network error" rather than throwing. */
async function call(url: string, init: RequestInit): Promise<{ status: string; body: unknown }> {
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? '' : JSON.parse(text);
    } catch {
      // not JSON: show the text as it is
    }
    return { status: String(response.status), body };
  } catch (error) {
    return { status: 'network error', body: (error as Error).message };
  }
}

async function createConnectSession(): Promise<void> {
  const intent = { type: 'checkoutNewSubscription', checkoutNewSubscription: { plan: 'pln_0123456789abcdefghijklmnopqr' } };
  const { status, body } = await call(`${GIGS_BASE}/projects/demo/connectSessions`, {
    method: 'POST', headers: GIGS_HEADERS, body: JSON.stringify({ intent, callbackUrl: 'https://example.com/done' }),
  });
  connectSessionId = (body as { id?: string } | undefined)?.id;
  show('gigs-create-status', status);
  show('gigs-session-id', connectSessionId ?? '');
  show('gigs-create-body', body);
  ($('gigs-read') as HTMLButtonElement).disabled = connectSessionId === undefined;
}

async function readConnectSession(): Promise<void> {
  const { status, body } = await call(`${GIGS_BASE}/projects/demo/connectSessions/${connectSessionId}`, { headers: GIGS_HEADERS });
  show('gigs-read-status', status);
  show('gigs-read-body', body);
}

interface GameSession {
  uid: string;
  status?: string;
  visibility?: string;
  numTeams?: number;
  teamSize?: number;
  users?: string[];
}

const capacityOf = (s: GameSession) => (s.numTeams ?? 0) * (s.teamSize ?? 0);
const canJoin = (s: GameSession) => !(s.users ?? []).includes(GAME_USER) && (capacityOf(s) <= 0 || (s.users ?? []).length < capacityOf(s));

async function listGameSessions(): Promise<void> {
  const { status, body } = await call(`${GAME_BASE}/sessions?limit=50`, { headers: GAME_HEADERS });
  show('game-list-status', status);
  const sessions = Array.isArray(body) ? (body as GameSession[]) : [];
  show('game-list-count', String(sessions.length));
  const list = $('game-sessions');
  list.replaceChildren(...sessions.map((s) => {
    const item = document.createElement('li');
    item.dataset.uid = s.uid;
    item.textContent = `${s.uid} · ${s.status ?? '?'} · ${s.visibility ?? '?'} · ${(s.users ?? []).length}/${capacityOf(s) || '∞'} members`;
    return item;
  }));
  joinTarget = sessions.find(canJoin)?.uid;
  show('game-join-target', joinTarget ?? 'none');
  ($('game-join') as HTMLButtonElement).disabled = joinTarget === undefined;
}

async function joinGameSession(): Promise<void> {
  const { status, body } = await call(`${GAME_BASE}/sessions/${joinTarget}/join`, { headers: GAME_HEADERS });
  const users = (body as GameSession | undefined)?.users ?? [];
  show('game-join-status', status);
  show('game-joined', users.includes(GAME_USER) ? 'yes' : 'no');
  show('game-join-members', String(users.length));
  show('game-join-body', body);
}

async function injectError(): Promise<void> {
  const { status, body } = await call(`${GIGS_BASE}/projects/demo/connectSessions`, {
    method: 'POST', headers: { ...GIGS_HEADERS, prefer: 'status=503' }, body: JSON.stringify({ intent: { type: 'viewSubscriptions' } }),
  });
  show('error-status', status);
  show('error-body', body);
}

function resetMock(): void {
  mock.reset();
  show('reset-status', `reset at ${new Date().toISOString()}`);
}

const actions: Record<string, () => unknown> = {
  'gigs-create': createConnectSession,
  'gigs-read': readConnectSession,
  'game-list': listGameSessions,
  'game-join': joinGameSession,
  'inject-error': injectError,
  reset: resetMock,
};

async function start(): Promise<void> {
  show('game-base-url', GAME_BASE);
  show('game-user', GAME_USER);
  try {
    // `quiet` keeps msw from logging every request; unhandled requests (the page's own files) go to the network.
    await setupWorker(...mock.handlers).start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  } catch (error) {
    $('mock-status').dataset.state = 'failed';
    show('mock-status', `failed: ${(error as Error).message}`);
    return;
  }
  let finished = 0;
  for (const [testId, action] of Object.entries(actions)) {
    const button = $(testId) as HTMLButtonElement;
    // data-finished counts completed actions, so a test can wait for the one it started.
    button.addEventListener('click', async () => {
      await action();
      document.body.dataset.finished = String(++finished);
    });
    if (testId !== 'gigs-read' && testId !== 'game-join') button.disabled = false;
  }
  $('mock-status').dataset.state = 'ready';
  show('mock-status', `ready: ${Object.values(mock.mocks).map((m) => `${m.contract.id} at ${m.baseUrl}`).join(', ')}`);
}

void start();
