import { describe, expect, it } from 'vitest';
import { createSchemaCompiler } from '../../src/schema/compiler.ts';

const ID = 'https://harness.invalid/c9/d0.json';

describe('strict-mode warnings of the schema compiler', () => {
  it('name the absolute place of the document schema that caused them, also inside a schema built in code', () => {
    const loose = { items: { type: 'string' } };
    const odd = { type: 'string', frobnicate: true };
    const document = { components: { schemas: { Tags: loose, Odd: odd } } };
    const warnings: string[] = [];
    const compiler = createSchemaCompiler({
      documents: [{ id: ID, data: document }],
      origins: new WeakMap<object, string>([[loose, `${ID}#/components/schemas/Tags`], [odd, `${ID}#/components/schemas/Odd`]]),
      warn: (message) => warnings.push(message),
    });
    // An object of parameter schemas, as the builder makes one: its parts are the document's.
    compiler.compileParameters({ type: 'object', properties: { tags: loose, label: odd } });
    expect(warnings).toContain(`strict mode: "items" without type "array": it applies to arrays only, and a value of any other type passes it at "${ID}#/components/schemas/Tags" (strictTypes)`);
    expect(warnings).toContain(`strict mode: unknown keyword "frobnicate": ignored, it checks nothing at "${ID}#/components/schemas/Odd"`);
  });

  it('leave a warning about a schema that is nowhere in the documents as ajv said it', () => {
    const warnings: string[] = [];
    const compiler = createSchemaCompiler({ documents: [], origins: new WeakMap(), warn: (message) => warnings.push(message) });
    compiler.compile({ properties: { a: { type: 'string' } } });
    expect(warnings).toEqual(['strict mode: "properties" without type "object": it applies to objects only, and a value of any other type passes it at "#" (strictTypes)']);
  });
});
