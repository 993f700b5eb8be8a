import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/runner/events.ts';
import { createRedactor, REDACTED } from '../../src/runner/redact.ts';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('createRedactor', () => {
  const redactor = () => createRedactor({ tokens: ['sk_live_123456', 'abc'], secretFields: ['url'] });

  it('keeps the scheme of Authorization headers and hides the credential', () => {
    const record = redactor().exchange({ request: { method: 'GET', url: 'http://x/a', headers: { authorization: `jwt ${JWT}`, cookie: 'session=1', accept: 'application/json' } } });
    expect(record.request.headers).toEqual({ authorization: `jwt ${REDACTED}`, cookie: REDACTED, accept: 'application/json' });
  });

  it('redacts secret fields at any depth and scrubs their values elsewhere once seen', () => {
    const r = redactor();
    const body = { appConnection: { url: 'https://connect.example/entry?token=TOPSECRET99', items: [{ url: null }] } };
    r.observe(body);
    const record = r.exchange({ request: { method: 'GET', url: 'http://x/?next=https://connect.example/entry?token=TOPSECRET99', headers: {} }, response: { status: 200, headers: {}, body, durationMs: 1 } });
    expect(record.response!.body).toEqual({ appConnection: { url: REDACTED, items: [{ url: null }] } });
    expect(record.request.url).not.toContain('TOPSECRET99');
    const result: CheckResult = { id: 'a/b#1', operationId: 'a', check: 'b', title: 't', status: 'fail', message: 'got https://connect.example/entry?token=TOPSECRET99', durationMs: 1 };
    expect(r.result(result).message).toBe(`got ${REDACTED}`);
  });

  it('scrubs the tokens given and anything shaped like a JWT from every string', () => {
    const r = redactor();
    expect(r.text(`token sk_live_123456 and ${JWT} in a message`)).toBe(`token ${REDACTED} and ${REDACTED} in a message`);
    expect(r.exchange({ request: { method: 'POST', url: 'http://x', headers: {}, body: { note: `Bearer ${JWT}` } } }).request.body).toEqual({ note: `Bearer ${REDACTED}` });
  });

  it('leaves very short tokens alone in free text (they would blank ordinary words)', () => {
    expect(redactor().text('abc is short')).toBe('abc is short');
  });
});
