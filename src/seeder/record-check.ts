import type { ContractModel, ResourceModel } from '../contract/model.ts';
import type { Validator } from '../schema/ajv.ts';
import { asRead } from '../rules/transient.ts';

type Data = Record<string, unknown>;

/**
 * Whether seeded records fit their resource schema, as the mock serves them (transient fields read as null).
 *
 * Every record is checked, but not always whole. A record past the first `twins` is a copy of the schema
 * sample of record `index % twins` (its twin, checked whole) with some top-level fields written again:
 * recipes, generated fields, the key, the version. When the resource schema decides validity field by field
 * (an object schema with only `properties`, `required`, `additionalProperties` and annotations at its top
 * level, see `separable`), such a record is valid when it has exactly its valid twin's keys (so `required`
 * and `additionalProperties: false` hold as they did for the twin) and every field whose value is not the
 * twin's own (`===`: nested objects are shared with the sample) fits its property schema. A recipe whose
 * values grow with the index (`name-${index}` against a `maxLength`) is therefore still caught on the first
 * record that breaks it: a plain sample of records would miss it. Checking four or five fields instead of
 * the whole record, and a primitive value a field already passed with (list recipes, `${now}`) not at all,
 * took validation from about a quarter of seeding to a few percent. Any other schema shape, a twin that
 * did not validate (lenient seeding) or a field that fails: the record is validated whole, so an error
 * names the same violations as before.
 */
export class RecordCheck {
  private readonly twins: (Data | undefined)[] = [];
  private readonly twinSizes: number[] = [];
  /** Per field: its property validator, and primitive values it has passed (bounded). */
  private readonly fields = new Map<string, { validate: Validator | undefined; passed: Set<unknown> | undefined }>();
  private readonly byField: boolean;
  private readonly transient: boolean;

  constructor(private readonly contract: ContractModel, private readonly resource: ResourceModel, private readonly twinCount: number) {
    this.byField = separable(resource.schema);
    this.transient = Object.keys(resource.transient).length > 0;
  }

  /** True when the record (number `index`) fits the schema; remembers it as a twin when it is one. */
  check(data: Data, index: number): boolean {
    if (index < this.twinCount) {
      const valid = this.whole(data);
      if (valid && this.byField) {
        this.twins[index] = data;
        this.twinSizes[index] = sizeOf(data);
      }
      return valid;
    }
    const twin = this.byField ? this.twins[index % this.twinCount] : undefined;
    if (twin !== undefined && this.fieldsFit(data, twin, this.twinSizes[index % this.twinCount])) return true;
    return this.whole(data);
  }

  /** The errors of the last failed check (ajv's). */
  get errors(): Validator['errors'] {
    return this.resource.validate.errors;
  }

  private whole(data: Data): boolean {
    // Without transient fields the record reads as stored: no copy to validate.
    return this.resource.validate(this.transient ? asRead(this.resource, data) : data);
  }

  private fieldsFit(data: Data, twin: Data, twinSize: number): boolean {
    let size = 0;
    for (const field in data) {
      size++;
      if (!Object.hasOwn(twin, field)) return false;
      const value = data[field];
      if (value !== twin[field] && !this.fieldFits(field, value)) return false;
    }
    return size === twinSize;
  }

  private fieldFits(field: string, value: unknown): boolean {
    let entry = this.fields.get(field);
    if (!entry) {
      entry = { validate: this.propertyValidator(field), passed: new Set() };
      this.fields.set(field, entry);
    }
    const { passed } = entry;
    const primitive = passed !== undefined && (value === null || typeof value !== 'object');
    if (primitive && passed.has(value)) return true;
    if (entry.validate === undefined || !entry.validate(value)) return false;
    if (primitive) {
      passed.add(value);
      // A field with that many values (ids, names) hardly repeats one: stop remembering them.
      if (passed.size >= PASSED_KEPT) entry.passed = undefined;
    }
    return true;
  }

  /** The validator of a field's property schema (or of `additionalProperties`); undefined: check whole. */
  private propertyValidator(field: string): Validator | undefined {
    const schema = this.resource.schema as { properties?: Record<string, unknown>; additionalProperties?: unknown };
    const property = schema.properties !== undefined && Object.hasOwn(schema.properties, field) ? schema.properties[field] : schema.additionalProperties ?? true;
    if (property === true) return ANY;
    return this.contract.schemas.tryCompile(property) ?? undefined;
  }
}

/** Primitive values remembered per field: list recipes and `${now}` repeat; unique ids do not. */
const PASSED_KEPT = 4096;

const ANY = (() => true) as unknown as Validator;

/** Top-level keywords under which an object's validity is the conjunction of per-field checks. */
const FIELD_WISE_KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties']);
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', 'example', 'deprecated', 'readOnly', 'writeOnly', '$comment', 'xml', 'externalDocs', 'discriminator', '$schema']);

function separable(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  const { type, additionalProperties } = schema as { type?: unknown; additionalProperties?: unknown };
  if (type !== 'object') return false;
  if (additionalProperties !== undefined && typeof additionalProperties !== 'boolean' && (additionalProperties === null || typeof additionalProperties !== 'object')) return false;
  return Object.keys(schema).every((keyword) => FIELD_WISE_KEYWORDS.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith('x-'));
}

function sizeOf(data: Data): number {
  let size = 0;
  for (const field in data) if (Object.hasOwn(data, field)) size++;
  return size;
}
