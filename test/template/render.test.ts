import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/template/random.ts';
import { lookupPath, renderTemplate, TemplateScope, type TemplateContext } from '../../src/template/render.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

function contextWith(vars: Record<string, unknown>, seed = 1): TemplateContext {
  return { vars, random: createRandom(seed), now: () => NOW };
}

const record = { id: 'wid_1', size: 3, open: false, note: null, intent: { type: 'viewSubscriptions' }, tags: ['a', 'b'] };

describe('renderTemplate: a whole ${expression} keeps the type of its value', () => {
  it.each([
    ['${record.size}', 3],
    ['${record.open}', false],
    ['${record.note}', null],
    ['${record.intent}', { type: 'viewSubscriptions' }],
    ['${record.tags}', ['a', 'b']],
    ['${record}', record],
    ['${ record.id }', 'wid_1'],
  ])('%s', (template, expected) => {
    expect(renderTemplate(template, contextWith({ record }))).toEqual(expected);
  });

  it('renders an unknown name, or a path through a non-object, as undefined', () => {
    expect(renderTemplate('${missing}', contextWith({ record }))).toBeUndefined();
    expect(renderTemplate('${record.size.value}', contextWith({ record }))).toBeUndefined();
    expect(renderTemplate('${record.note.x}', contextWith({ record }))).toBeUndefined();
  });
});

describe('renderTemplate: other strings interpolate', () => {
  it('turns values into text: numbers and booleans as written, objects as JSON, null and undefined as nothing', () => {
    const context = contextWith({ record });
    expect(renderTemplate('id-${record.id}/${record.size}', context)).toBe('id-wid_1/3');
    expect(renderTemplate('open=${record.open}', context)).toBe('open=false');
    expect(renderTemplate('intent ${record.intent}', context)).toBe('intent {"type":"viewSubscriptions"}');
    expect(renderTemplate('[${record.note}][${missing}]', context)).toBe('[][]');
  });

  it('leaves strings without an expression, and non-string scalars, as they are', () => {
    const context = contextWith({ record });
    expect(renderTemplate('plain $ and {braces}', context)).toBe('plain $ and {braces}');
    expect(renderTemplate('${unclosed', context)).toBe('${unclosed');
    for (const value of [0, 42, true, false, null, undefined]) expect(renderTemplate(value, context)).toBe(value);
  });
});

describe('renderTemplate: objects and arrays', () => {
  it('renders nested templates and drops object keys whose value is undefined', () => {
    const template = { id: '${record.id}', nested: { size: '${record.size}', gone: '${missing}' }, gone: '${missing}', kept: '${record.note}' };
    expect(renderTemplate(template, contextWith({ record }))).toEqual({ id: 'wid_1', nested: { size: 3 }, kept: null });
    expect(Object.keys(renderTemplate(template, contextWith({ record })) as object)).toEqual(['id', 'nested', 'kept']);
  });

  it('drops undefined array items, keeps null ones', () => {
    expect(renderTemplate(['${record.id}', '${missing}', '${record.note}'], contextWith({ record }))).toEqual(['wid_1', null]);
  });

  it('does not change the template', () => {
    const template = { a: ['${record.id}'], b: { $map: '${record.tags}', to: '${item}' } };
    const copy = structuredClone(template);
    renderTemplate(template, contextWith({ record }));
    expect(template).toEqual(copy);
  });
});

describe('renderTemplate: $map and $mapObject', () => {
  const violations = [{ property: 'name', message: 'is required' }, { property: 'size', message: 'must be integer' }];

  it('$map renders `to` once per item, with the item as ${item}', () => {
    const template = { errors: { $map: '${violations}', to: { field: '${item.property}', text: '${item.property}: ${item.message}' } } };
    expect(renderTemplate(template, contextWith({ violations }))).toEqual({
      errors: [{ field: 'name', text: 'name: is required' }, { field: 'size', text: 'size: must be integer' }],
    });
  });

  it('$mapObject builds an object from `key` and `value` per item', () => {
    const template = { errors: { $mapObject: '${violations}', key: '${item.property}', value: ['${item.message}'] } };
    expect(renderTemplate(template, contextWith({ violations }))).toEqual({ errors: { name: ['is required'], size: ['must be integer'] } });
  });

  it('an ${item} shadows a variable of the same name only inside the directive', () => {
    const template = { outer: '${item}', mapped: { $map: '${list}', to: '${item}' } };
    expect(renderTemplate(template, contextWith({ item: 'outer', list: [1, 2] }))).toEqual({ outer: 'outer', mapped: [1, 2] });
  });

  it('a source that is not an array renders as undefined, so the key is dropped', () => {
    const template = { a: { $map: '${missing}', to: 'x' }, b: { $mapObject: '${record}', key: 'k', value: 'v' }, c: 1 };
    expect(renderTemplate(template, contextWith({ record }))).toEqual({ c: 1 });
    expect(renderTemplate({ $map: '${list}', to: '${item}' }, contextWith({ list: [] }))).toEqual([]);
  });
});

describe('renderTemplate: generators and the clock', () => {
  it('uuid is a version 4 UUID; hex:n, alnum:n and digits:n have that length and alphabet', () => {
    const context = contextWith({});
    expect(renderTemplate('${uuid}', context)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(renderTemplate('${hex:24}', context)).toMatch(/^[0-9a-f]{24}$/);
    expect(renderTemplate('csn_${alnum:28}', context)).toMatch(/^csn_[A-Za-z0-9]{28}$/);
    expect(renderTemplate('${digits:6}', context)).toMatch(/^[0-9]{6}$/);
  });

  it('is seeded: the same seed repeats the same values, another seed gives others, each call draws anew', () => {
    const template = { id: '${uuid}', key: '${hex:16}', code: '${alnum:12}', pin: '${digits:8}' };
    const first = renderTemplate(template, contextWith({}, 7));
    expect(renderTemplate(template, contextWith({}, 7))).toEqual(first);
    const other = renderTemplate(template, contextWith({}, 8)) as Record<string, string>;
    for (const [key, value] of Object.entries(first as Record<string, string>)) expect(other[key], key).not.toBe(value);
    const context = contextWith({}, 7);
    expect(renderTemplate('${uuid}', context)).not.toBe(renderTemplate('${uuid}', context));
  });

  it('now is the context clock as an ISO instant', () => {
    expect(renderTemplate({ at: '${now}', text: 'at ${now}' }, contextWith({}))).toEqual({ at: NOW.toISOString(), text: `at ${NOW.toISOString()}` });
  });

  it('now inside $map and $mapObject items is the context clock, also when the context is a class with a `now` method', () => {
    const methodContext = new (class implements TemplateContext {
      readonly vars = { record };
      readonly random = createRandom(1);
      now(): Date {
        return NOW;
      }
    })();
    const template = { list: { $map: '${record.tags}', to: { tag: '${item}', at: '${now}' } }, byTag: { $mapObject: '${record.tags}', key: '${item}', value: '${now}' } };
    const at = NOW.toISOString();
    expect(renderTemplate(template, methodContext)).toEqual({ list: [{ tag: 'a', at }, { tag: 'b', at }], byTag: { a: at, b: at } });
  });

  it('a TemplateScope holding an instant shows it everywhere, $map items included; one asking a clock asks it on each ${now}', () => {
    let time = NOW.getTime();
    const clock = { now: () => new Date(time += 1000) };
    const template = { at: '${now}', list: { $map: '${record.tags}', to: '${now}' } };
    const instant = clock.now();
    const held = renderTemplate(template, new TemplateScope({ record }, createRandom(1), instant)) as { at: string; list: string[] };
    expect([held.at, ...held.list]).toEqual(Array(3).fill(instant.toISOString()));
    const asked = renderTemplate(template, new TemplateScope({ record }, createRandom(1), clock)) as { at: string; list: string[] };
    expect(new Set([asked.at, ...asked.list]).size).toBe(3);
  });

  it('a name:argument that is not a generator is looked up as a variable', () => {
    expect(renderTemplate('${nope:3}', contextWith({}))).toBeUndefined();
  });
});

describe('lookupPath', () => {
  it('walks dotted paths through objects and arrays', () => {
    expect(lookupPath({ a: { b: [10, 20] } }, 'a.b.1')).toBe(20);
    expect(lookupPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(lookupPath(null, 'a')).toBeUndefined();
  });
});

describe('renderTemplate: a template rendered again (compiled once) builds new values each time', () => {
  it('gives new objects and arrays, with the values of each context, never the ones an earlier render built', () => {
    const template = { id: '${record.id}', fixed: { kind: 'session', list: [1, '${record.size}'] }, dropped: '${missing}' };
    const first = renderTemplate(template, contextWith({ record })) as Record<string, any>;
    first.fixed.kind = 'changed';
    first.fixed.list.push(99);
    const second = renderTemplate(template, contextWith({ record: { ...record, id: 'wid_2', size: 7 } }));
    expect(second).toEqual({ id: 'wid_2', fixed: { kind: 'session', list: [1, 7] } });
    expect(Object.hasOwn(second as object, 'dropped')).toBe(false);
  });

  it('keeps a `__proto__` key as data', () => {
    const template = JSON.parse('{"__proto__": {"polluted": "${record.id}"}}') as object;
    const rendered = renderTemplate(template, contextWith({ record })) as Record<string, unknown>;
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rendered, '__proto__')?.value).toEqual({ polluted: 'wid_1' });
  });
});
