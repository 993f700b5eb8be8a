import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContract, fixtureFileFor } from '../../src/contract/registry.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import { createMockMiddleware, type MockMiddleware } from '../../src/mock/middleware.ts';
import { rawRequest } from '../robustness/support/http.ts';
import { BODY_LIMIT, edgeCases, factsOf, startPair, viaHttp, type Pair } from './support/parity.ts';

// The msw handlers behind @mswjs/http-middleware in an Express app answer as `harness mock` does.
const game = await loadContract('game-sessions');
let pair: Pair;
let mock: MockMiddleware;
let app: Server;
let origin: string;

beforeAll(async () => {
  pair = await startPair([game]);
  mock = createMockMiddleware(game, { baseUrl: '/game-sessions', seed: 5, bodyLimit: BODY_LIMIT, fixtures: await loadFixtureSpec(fixtureFileFor(game)) });
  const server = express().use(mock.middleware).use((_req, res) => { res.status(418).json({ from: 'the app' }); });
  app = await new Promise<Server>((resolve) => { const listening = server.listen(0, '127.0.0.1', () => resolve(listening)); });
  origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
  await pair.close();
});

describe('createMockMiddleware in an Express app', () => {
  it('answers the edge cases as the node:http server does', async () => {
    pair.reset();
    mock.instance.reset();
    expect(vi.isFakeTimers()).toBe(true);
    for (const request of edgeCases(game, factsOf(pair, game))) {
      const overHttp = await viaHttp(pair, request);
      const inExpress = await viaHttp(pair, request, origin);
      expect(inExpress, `${request.label} ${request.method} ${request.path}`).toEqual(overHttp);
    }
  });

  it('leaves requests outside its base path to the app', async () => {
    const reply = await rawRequest(origin, { method: 'GET', path: '/elsewhere' });
    expect(reply.status).toBe(418);
    expect(reply.body).toEqual({ from: 'the app' });
  });
});
