import { describe, expect, it } from 'vitest';
import { isPlainTarget, requestUrl } from '../../../src/mock/engine/target.ts';

// The engine reads plain targets without the WHATWG parser: what it reads must be what the parser gives.
function parsed(target: string) {
  const url = requestUrl(target);
  return { pathname: url.pathname, search: url.search, query: [...url.searchParams], origin: url.origin };
}

function byParser(target: string) {
  const url = new URL(`http://mock.local${target}`);
  return { pathname: url.pathname, search: url.search, query: [...url.searchParams], origin: url.origin };
}

describe('request targets', () => {
  it('reads a plain target as the WHATWG parser does, without it', () => {
    for (const target of ['/game-sessions/sessions/35c8cada', '/a/b?x=1&y=2&x=3', '/a?', '/a?x', '/a?x=1+2&y=%20%zz', '/', '//game-sessions/sessions', '/a/b;c=1:d@e', '/a?b?c=/d', '/a/.well', '/a/b.json']) {
      expect(parsed(target), target).toEqual(byParser(target));
    }
    expect(isPlainTarget('/game-sessions/sessions/35c8cada?limit=2')).toBe(true);
  });

  it('leaves targets the parser would rewrite to the parser', () => {
    for (const target of ['/a/../b', '/a/./b', '/a/%2e%2E/b', '/a/b/..', '/a b', '/a"b', '/a\\b', '/a?x=\'1\'', '/a??x=1', '/é', '/a#frag', '/a?x=<1>', '/a{b}', '/a`b', '/a\tb']) {
      expect(isPlainTarget(target), target).toBe(false);
      expect(parsed(target), target).toEqual(byParser(target));
    }
  });

  it('agrees with the parser on random targets', () => {
    const alphabet = ['/', '/', 'a', 'Z', '9', '.', '..', '%', '%2e', '%41', '?', '&', '=', '+', '#', ' ', "'", '"', '\\', ';', ':', '@', '~', '-', '_', '!', '$', '(', '*', ',', 'é', '{', '|', '^', '[', '<'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      let target = '/';
      for (let n = next() % 12; n > 0; n--) target += alphabet[next() % alphabet.length];
      expect(parsed(target), target).toEqual(byParser(target));
    }
  });
});
