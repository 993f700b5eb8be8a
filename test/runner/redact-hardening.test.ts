import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../src/runner/redact.ts';

const TOKEN = 'sk_live_4f9a8b7c6d5e';

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { level: value };
  return value;
}

function leafOf(value: unknown): unknown {
  let node = value;
  while (node !== null && typeof node === 'object' && 'level' in node) node = (node as { level: unknown }).level;
  return node;
}

function responseBody(redactor: ReturnType<typeof createRedactor>, body: unknown): unknown {
  return redactor.exchange({ request: { method: 'GET', url: 'http://x/', headers: {} }, response: { status: 200, headers: {}, body, durationMs: 1 } }).response!.body;
}

describe('redaction gaps', () => {
  it('redacts a token used as a JSON key', () => {
    const body = responseBody(createRedactor({ tokens: [TOKEN], secretFields: [] }), { [TOKEN]: { owner: 'alice' } });
    expect(JSON.stringify(body)).not.toContain(TOKEN);
    expect(body).toEqual({ [REDACTED]: { owner: 'alice' } });
  });

  it('redacts tokens and secret fields nested 10,000 levels deep, without a stack overflow', () => {
    const redactor = createRedactor({ tokens: [TOKEN], secretFields: ['url'] });
    const raw = nest(10_000, { url: 'https://connect.example/entry?session=very-secret-session', note: `Bearer ${TOKEN}` });
    redactor.observe(raw);
    expect(leafOf(responseBody(redactor, raw))).toEqual({ url: REDACTED, note: `Bearer ${REDACTED}` });
    expect(redactor.text('see https://connect.example/entry?session=very-secret-session')).toBe(`see ${REDACTED}`);
  });

  it('redacts base64 and base64url forms of a token, also inside a longer encoding', () => {
    const redactor = createRedactor({ tokens: [TOKEN], secretFields: [] });
    const basic = Buffer.from(`alice:${TOKEN}`).toString('base64');
    const blob = Buffer.from(JSON.stringify({ key: TOKEN })).toString('base64url');
    for (const text of [Buffer.from(TOKEN).toString('base64'), Buffer.from(TOKEN).toString('base64url'), `Basic ${basic}`, `state=${blob}`]) {
      const redacted = redactor.text(text);
      expect(redacted, text).toContain(REDACTED);
      expect(Buffer.from(redacted.replace(/^\w+[ =]/, ''), 'base64').toString('latin1')).not.toContain(TOKEN);
    }
  });

  it('redacts short tokens where they stand whole, and only there', () => {
    const redactor = createRedactor({ tokens: ['abc'], secretFields: [] });
    expect(responseBody(redactor, { token: 'abc', abc: 1, list: ['abc'] })).toEqual({ token: REDACTED, [REDACTED]: 1, list: [REDACTED] });
    expect(redactor.text('http://x/items?key=abc&limit=2')).toBe(`http://x/items?key=${REDACTED}&limit=2`);
    expect(redactor.text('abc is short, abcdef is a word')).toBe('abc is short, abcdef is a word');
  });

  it('never lets credentials of --base-url through: user-info and query values', () => {
    const baseUrl = 'http://bob:hunter2@api.example.com/v1?api_key=k&sig=5f3a9c';
    const redactor = createRedactor({ tokens: [], secretFields: [], baseUrl });
    const texts = [
      redactor.text(baseUrl),
      redactor.text('Failed to fetch http://bob:hunter2@api.example.com/v1/sessions?api_key=k: refused'),
      redactor.text(`Authorization was Basic ${Buffer.from('bob:hunter2').toString('base64')}`),
      redactor.text('sig 5f3a9c'),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/hunter2|api_key=k\b|5f3a9c|Ym9iOmh1bnRlcjI/);
    }
    expect(texts[0]).toBe(`http://${REDACTED}@api.example.com/v1?api_key=${REDACTED}&sig=${REDACTED}`);
  });

  it('drops user-info from any URL in any text', () => {
    expect(createRedactor({ tokens: [], secretFields: [] }).text('redirected to https://u:p@evil.example/x')).toBe(`redirected to https://${REDACTED}@evil.example/x`);
  });
});
