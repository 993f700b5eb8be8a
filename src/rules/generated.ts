import type { GeneratedField, ResourceModel } from '../contract/model.ts';
import { parseString } from '../template/parse.ts';
import { isEmpty, type Data } from './values.ts';

/** `generated`: fields the server sets on `create` and/or `update`; a `when` field makes it conditional. */
export type WriteEvent = 'create' | 'update';

/** Whether the server generates the field on this event for this body (a `when` field must be in the body). */
export function generatesOn(rule: GeneratedField, event: WriteEvent, body: Data | undefined): boolean {
  if (!rule.on.includes(event)) return false;
  return rule.when === undefined || !isEmpty(body?.[rule.when]);
}

/** Whether the server's value replaces what a body sends for the field (always, or when its `when` is sent). */
export function overridesBody(rule: GeneratedField, body: Data | undefined): boolean {
  return rule.when === undefined || !isEmpty(body?.[rule.when]);
}

/** Fields whose client value is never kept: generated unconditionally. */
export function alwaysGenerated(resource: ResourceModel, field: string): boolean {
  const rule = resource.generated[field];
  return rule !== undefined && rule.when === undefined;
}

/** A field only the create generates keeps its created value through every later event. */
export function keepsCreatedValue(rule: GeneratedField): boolean {
  return !rule.on.includes('update') && rule.when === undefined;
}

/** A field generated on every update must differ from its value before the update. */
export function changesOnEveryUpdate(rule: GeneratedField): boolean {
  return rule.on.includes('update') && rule.when === undefined;
}

/** Fields a client body leaves out (the server owns them): generated ones, and the `when` triggers. */
export function clientOmits(resource: ResourceModel): string[] {
  const fields: string[] = [];
  for (const [field, rule] of Object.entries(resource.generated)) if (rule.when === undefined) fields.push(field);
  for (const [field, rule] of Object.entries(resource.generated)) if (rule.when !== undefined) fields.push(rule.when, field);
  return fields;
}

/** How a template draws its value: the resource's counter, a sample of the field's schema, or rendering. */
export function valueSource(rule: GeneratedField): 'counter' | 'sample' | 'template' {
  if (rule.value === '${counter}') return 'counter';
  if (rule.value === '${sample}') return 'sample';
  return 'template';
}

/**
 * `${counter}`: one more than the largest integer key stored when the resource first counts (seeded
 * records included), then one more each time. `counterOf` is what a stored key counts as.
 */
export function counterOf(key: unknown): number {
  const value = Number(key);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** The next counter value: `last` is the previous one, or undefined before the first (then `largestKey` counts). */
export function nextCounter(last: number | undefined, largestKey: () => number): number {
  return (last ?? largestKey()) + 1;
}

/**
 * `unique`: `value`, else `value2`, `value3`...: the first that `taken` does not hold. Only strings get a
 * suffix. The key is unique across every scope (it names the record in the store), other fields per scope.
 */
export function uniqueValue(value: unknown, taken: (candidate: unknown) => boolean, memo?: Map<string, number>): unknown {
  if (typeof value !== 'string' || !taken(value)) return value;
  // With a memo (values only ever added to `taken`), the first free suffix never moves back: start from the last.
  let suffix = memo?.get(value) ?? 2;
  while (taken(`${value}${suffix}`)) suffix++;
  memo?.set(value, suffix);
  return `${value}${suffix}`;
}

/** Whether uniqueness of the field is judged across scopes (the key) or within the record's scope. */
export function uniqueAcrossScopes(resource: ResourceModel, field: string): boolean {
  return field === resource.key;
}

/** What a template's value shows of itself: the caller's id and the record's path values, when known. */
export interface ShapeFacts {
  readonly principal?: string;
  readonly path?: Readonly<Record<string, string>>;
}

const EXPRESSIONS = {
  uuid: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
  now: '.+',
} as const;
const ALPHABETS = { hex: '[0-9a-fA-F]', alnum: '[A-Za-z0-9]', digits: '[0-9]' } as const;

/**
 * A regular expression for every value a correct server may generate from a string template (`csn_` + 28
 * alphanumerics, the caller's id...); undefined when the template says nothing checkable.
 */
export function generatedShape(rule: GeneratedField, facts: ShapeFacts): RegExp | undefined {
  if (typeof rule.value !== 'string') return undefined;
  let informative = false;
  const source = parseString(rule.value).map((part) => {
    if (part.kind === 'text') {
      informative = true;
      return escapeRegExp(part.text);
    }
    const { expr } = part;
    if (expr.kind === 'uuid' || expr.kind === 'now') {
      informative ||= expr.kind === 'uuid';
      return EXPRESSIONS[expr.kind];
    }
    if (expr.kind === 'random' && /^\d+$/.test(expr.length)) {
      informative = true;
      return `${ALPHABETS[expr.alphabet]}{${expr.length}}`;
    }
    if (expr.kind === 'path' && expr.path === 'principal' && facts.principal !== undefined) {
      informative = true;
      return escapeRegExp(facts.principal);
    }
    const name = expr.kind === 'path' ? /^path\.(.+)$/.exec(expr.path)?.[1] : undefined;
    const pathValue = name === undefined ? undefined : facts.path?.[name];
    if (pathValue !== undefined) {
      informative = true;
      return escapeRegExp(pathValue) + (rule.unique ? '[0-9]*' : '');
    }
    return '[\\s\\S]*';
  }).join('');
  return informative ? new RegExp(`^${source}$`) : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The generated fields of the resource with their rules. */
export function generatedRules(resource: ResourceModel): Array<[string, GeneratedField]> {
  return Object.entries(resource.generated);
}

/**
 * How a server makes up a key of this schema: counted integers, uuids, a sample of a pattern, format or enum,
 * else hex text as long as the schema allows (at most 24).
 */
export function keyTemplateFor(property: Readonly<Record<string, unknown>>): string {
  const types = Array.isArray(property.type) ? property.type : [property.type];
  if (types.includes('integer') || types.includes('number')) return '${counter}';
  if (property.format === 'uuid') return '${uuid}';
  if (typeof property.pattern === 'string' || property.format !== undefined || property.enum) return '${sample}';
  const max = typeof property.maxLength === 'number' ? property.maxLength : 24;
  const min = typeof property.minLength === 'number' ? property.minLength : 1;
  return `\${hex:${Math.max(min, Math.min(24, max))}}`;
}

/**
 * A key the client may choose but left out is made up by the server, as a generated key would be (a create
 * of `{name}` on a document whose `id` the body may carry gets an id, not a conflict).
 */
export function keyRuleWhenLeftOut(keySchema: object | undefined): GeneratedField {
  const schema = (keySchema ?? {}) as Readonly<Record<string, unknown>>;
  return { value: keyTemplateFor(schema), schema, on: ['create'], when: undefined, unique: true };
}
