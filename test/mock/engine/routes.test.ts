import { describe, expect, it } from 'vitest';
import type { OperationModel } from '../../../src/contract/model.ts';
import { compileRoute, matchRoute } from '../../../src/mock/routes.ts';

// Routes whose count of `/` cannot fit are skipped before their pattern runs: the answer must not change.
const paths = ['/', '/sessions', '/sessions/', '/sessions/{id}', '/sessions/{id}/join', '/a/{b}.json', '/a/{b}-{c}/d', '/x/{y}/'];
const targets = ['/', '/sessions', '/sessions/', '/sessions/1', '/sessions/1/', '/sessions/1/join', '/sessions/1/join/', '/a/b.json', '/a/b-c/d', '/a/b-c/d/', '/x/1/', '/x/1', '/x/1//', '/sessions/1/join/more'];

describe('routing', () => {
  it('matches exactly where the route pattern alone matches', () => {
    for (const path of paths) {
      const route = compileRoute({ path } as OperationModel);
      for (const target of targets) {
        const byPattern = route.pattern.exec(target);
        expect(matchRoute(route, target) !== undefined, `${path} ${target}`).toBe(byPattern !== null);
      }
    }
    expect(matchRoute(compileRoute({ path: '/a/{b}-{c}/d' } as OperationModel), '/a/x-y/d/')).toEqual({ b: 'x', c: 'y' });
  });

  it('matches a literal a URL percent-encodes (non-ASCII, spaces) as it arrives, encoded in either case', () => {
    const route = compileRoute({ path: '/café/{id}/grüße aus' } as OperationModel);
    expect(matchRoute(route, '/caf%C3%A9/7/gr%C3%BC%C3%9Fe%20aus')).toEqual({ id: '7' });
    expect(matchRoute(route, '/caf%c3%a9/7/gr%c3%bc%c3%9fe%20aus')).toEqual({ id: '7' });
    expect(matchRoute(route, '/café/7/grüße aus')).toEqual({ id: '7' });
    expect(matchRoute(route, '/cafe/7/grüße aus')).toBeUndefined();
  });

  it('routes a path that carries a query of its own (/search?kind=items) by its path', () => {
    const route = compileRoute({ path: '/search?kind=items' } as OperationModel);
    expect(matchRoute(route, '/search')).toEqual({});
    expect(matchRoute(route, '/search/items')).toBeUndefined();
  });
});
