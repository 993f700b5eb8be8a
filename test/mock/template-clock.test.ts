import { describe, expect, it } from 'vitest';
import { templateContext, type MockContext } from '../../src/mock/context.ts';
import { renderTemplate } from '../../src/template/render.ts';
import { requestClock } from '../../src/mock/clock.ts';
import { loadContract } from '../../src/contract/registry.ts';
import { createMockInstance } from '../../src/mock/instance.ts';
import { createEngine } from '../../src/mock/engine/dispatch.ts';

describe('templateContext', () => {
  it('reads the clock once: `${now}` in two fields of one write is the same instant (dateCreated = dateModified)', () => {
    let tick = Date.parse('2030-01-01T00:00:00Z');
    const context = { clock: { now: () => new Date(tick++) }, random: { next: () => 0.5 } } as unknown as MockContext;
    const rendered = renderTemplate({ dateCreated: '${now}', dateModified: '${now}' }, templateContext(context, {})) as Record<string, string>;
    expect(rendered.dateCreated).toBe('2030-01-01T00:00:00.000Z');
    expect(rendered.dateModified).toBe(rendered.dateCreated);
  });
});

describe('requestClock', () => {
  const ticking = () => {
    let tick = Date.parse('2030-01-01T00:00:00Z');
    const clock = { reads: 0, now: () => (clock.reads++, new Date(tick++)), advance: (ms: number) => { tick += ms; }, set: (date: Date) => { tick = date.getTime(); } };
    return clock;
  };

  it('holds one reading for the work it runs (nested runs too), and reads the clock given again after it, even after a throw', () => {
    const given = ticking();
    const clock = requestClock(given);
    const [a, b, inner] = clock.atOneInstant(() => [clock.now(), clock.now(), clock.atOneInstant(() => clock.now())]);
    expect(b).toBe(a);
    expect(inner).toBe(a);
    expect(clock.now().getTime()).toBeGreaterThan(a.getTime());
    expect(() => clock.atOneInstant(() => { throw new Error('no'); })).toThrow('no');
    const [c, d] = [clock.now(), clock.now()];
    expect(d.getTime()).toBeGreaterThan(c.getTime());
    clock.advance(60_000);
    expect(given.now().getTime() - d.getTime()).toBeGreaterThan(60_000);
  });

  it('a create reads the clock given to the mock once: its generated times, expiry and answer are one instant', async () => {
    const contract = await loadContract('game-sessions');
    const given = ticking();
    const instance = createMockInstance(contract, { seed: 1, clock: given });
    const engine = createEngine([{ instance, base: '' }], { byId: false, rootControl: false, bodyLimit: 1 << 20 });
    const claims = Buffer.from(JSON.stringify({ sub: 'host-user', iat: 1_700_000_000 })).toString('base64url');
    const token = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${claims}.c2ln`;
    const body = Buffer.from(JSON.stringify({ numTeams: 2, teamSize: 2, visibility: 'public', teams: [], users: [], invited: [] }));
    const headers: Record<string, string> = { authorization: `jwt ${token}`, 'content-type': 'application/json', 'content-length': String(body.length) };
    const before = given.reads;
    const reply = await engine.answer({ method: 'POST', target: '/sessions', header: (name) => headers[name] ?? null, readBody: async () => body });
    expect(reply.status).toBe(201);
    expect(given.reads - before).toBe(1);
    const created = JSON.parse(String(reply.body)) as Record<string, string>;
    expect(created.dateModified).toBe(created.dateCreated);
  });
});
