import type { Validator } from '../schema/ajv.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import type { createSeededFaker } from '../schema/faker.ts';
import { sampleFromSchema } from '../schema/sample.ts';

/**
 * The response samples of one contract, drawn from one seeded faker in document order: at once, or (when
 * deferred) all together the first time any of them is read, so the values are the same either way.
 */
export class ResponseSamples {
  private readonly pending: { schema: object; validate: Validator; value?: unknown }[] = [];
  private drawn = 0;

  constructor(
    private readonly faker: ReturnType<typeof createSeededFaker>,
    private readonly compile: SchemaCompiler['tryCompile'],
    private readonly deferred: boolean,
  ) {}

  /** Registers a response's schema; returns what reads its sample. */
  add(schema: object, validate: Validator): () => unknown {
    const entry: { schema: object; validate: Validator; value?: unknown } = { schema, validate };
    this.pending.push(entry);
    if (!this.deferred) this.drawAll();
    return () => {
      this.drawAll();
      return entry.value;
    };
  }

  private drawAll(): void {
    for (; this.drawn < this.pending.length; this.drawn++) {
      const entry = this.pending[this.drawn];
      entry.value = sampleFor(entry.schema, entry.validate, this.faker, this.compile);
    }
  }
}

function sampleFor(schema: object, validate: Validator, faker: ReturnType<typeof createSeededFaker>, compile: SchemaCompiler['tryCompile']): unknown {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const value = sampleFromSchema(schema, faker, { optionalProbability: 0.5, maxDepth: 4, compile });
      if (safeValidate(validate, value)) return value;
    } catch { /* try again */ }
  }
  return undefined;
}

export function safeValidate(validate: Validator, value: unknown): boolean {
  try {
    return validate(value) === true;
  } catch {
    return false;
  }
}
