import { describe, expect, it } from 'vitest';
import { loggedPath } from '../../src/mock/request-log.ts';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.sig';

describe('the path a request log line shows', () => {
  it('drops the query, the fragment and the authority of an absolute-form target', () => {
    expect(loggedPath('/game-sessions/sessions/abc?token=secret#x')).toBe('/game-sessions/sessions/abc');
    expect(loggedPath('http://user:pass@host:1/a/b?c')).toBe('/a/b');
    expect(loggedPath('?only=query')).toBe('/');
  });

  it('replaces a segment holding a JWT, even percent-encoded, and keeps the others as sent', () => {
    expect(loggedPath(`/sessions/${jwt}/join`)).toBe('/sessions/[jwt]/join');
    expect(loggedPath(`/sessions/${encodeURIComponent(`x ${jwt}`)}`)).toBe('/sessions/[jwt]');
    expect(loggedPath('/sessions/%E2%9C%93/eyJ')).toBe('/sessions/%E2%9C%93/eyJ');
    expect(loggedPath('/sessions/%zz')).toBe('/sessions/%zz');
  });
});
