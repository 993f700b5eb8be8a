import { describe, expect, it } from 'vitest';
import { listBundledContractIds, loadContract } from '../../src/contract/registry.ts';
import { recordFieldSchemas, viewOf } from '../../src/rules/stored.ts';
import { fieldsNamed } from '../../src/template/named-fields.ts';
import { renderTemplate } from '../../src/template/render.ts';
import { createRandom } from '../../src/template/random.ts';

describe('fieldsNamed', () => {
  it('lists the top-level fields a template reads under a name, in strings, arrays and directives', () => {
    const template = {
      id: '${record.session_id}',
      text: 'by ${record.owner.name} at ${now}',
      list: ['${record.tags}', { $map: '${record.items}', to: { at: '${item.at}' } }],
      other: '${path.id} ${principal}',
    };
    expect(fieldsNamed(template, 'record')).toEqual(new Set(['session_id', 'owner', 'tags', 'items']));
    expect(fieldsNamed('plain text', 'record')).toEqual(new Set());
    expect(fieldsNamed(null, 'record')).toEqual(new Set());
  });

  it('answers null when the value is read whole, alone or inside text', () => {
    expect(fieldsNamed({ data: '${record}' }, 'record')).toBeNull();
    expect(fieldsNamed({ data: ['x ${ record } y'] }, 'record')).toBeNull();
    expect(fieldsNamed({ $mapObject: '${record}', key: '${item}', value: 1 }, 'record')).toBeNull();
  });
});

describe('views built from the fields a template reads', () => {
  const now = () => new Date(0);

  it('render every bundled answer template as the whole view does, for owner, stranger and anonymous callers', async () => {
    let compared = 0;
    for (const id of listBundledContractIds()) {
      const contract = await loadContract(id);
      for (const operation of contract.operations) {
        const { response, resource } = operation.behaviour;
        if (response === null || response === undefined || !resource) continue;
        const only = fieldsNamed(response, 'record');
        if (only === null) continue;
        const fields = [...Object.keys(recordFieldSchemas(resource)), 'extra', '__proto__', 'constructor'];
        const data: Record<string, unknown> = {};
        for (const field of fields) Object.defineProperty(data, field, { value: { text: `value of ${field}` }, enumerable: true, writable: true, configurable: true });
        if (resource.owner) data[resource.owner.field] = 'owner-1';
        const transient = Object.fromEntries(Object.keys(resource.transient).map((field) => [field, `transient ${field}`]));
        for (const principal of ['owner-1', 'someone-else', undefined]) {
          const render = (record: unknown) => renderTemplate(response, { vars: { record, path: {}, query: {}, principal }, random: createRandom(7), now });
          const whole = render(viewOf(resource, data, principal, transient));
          expect(render(viewOf(resource, data, principal, transient, only))).toEqual(whole);
          // Every field named: the same fields as the whole view (owner-only, writeOnly and transient rules alike).
          const everyField = new Set([...fields, ...Object.keys(transient), 'absent']);
          expect(viewOf(resource, data, principal, transient, everyField)).toEqual(viewOf(resource, data, principal, transient));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
