import { describe, expect, it } from 'vitest';
import { templateContext, type MockContext } from '../../src/mock/context.ts';
import { renderTemplate } from '../../src/template/render.ts';

describe('templateContext', () => {
  it('reads the clock once: `${now}` in two fields of one write is the same instant (dateCreated = dateModified)', () => {
    let tick = Date.parse('2030-01-01T00:00:00Z');
    const context = { clock: { now: () => new Date(tick++) }, random: { next: () => 0.5 } } as unknown as MockContext;
    const rendered = renderTemplate({ dateCreated: '${now}', dateModified: '${now}' }, templateContext(context, {})) as Record<string, string>;
    expect(rendered.dateCreated).toBe('2030-01-01T00:00:00.000Z');
    expect(rendered.dateModified).toBe(rendered.dateCreated);
  });
});
