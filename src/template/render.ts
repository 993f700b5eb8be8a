import { hasExpressions, parseString, wholeExpression, type Expression, type TemplatePart } from './parse.ts';
import { randomString, randomUuid, type Random } from './random.ts';

/** What `${expr}` can see: named values (`record`, `path`, `message`...), a random source and a clock. */
export interface TemplateContext {
  readonly vars: Readonly<Record<string, unknown>>;
  readonly random: Random;
  readonly now: () => Date;
}

/**
 * Renders a template (see contracts/README.md): strings that are exactly one `${expr}` keep the value's
 * type, other strings interpolate, object keys whose value is undefined are dropped.
 *
 * @example
 * renderTemplate({ count: '${count}' }, { vars: { count: 3 }, random, now }); // { count: 3 }
 */
export function renderTemplate(template: unknown, context: TemplateContext): unknown {
  if (typeof template === 'string') return renderString(template, context);
  if (template === null || typeof template !== 'object') return template;
  return compiledTemplate(template)(context);
}

type Render = (context: TemplateContext) => unknown;

/**
 * Templates come from the contract and are rendered on every request: each object or array template is
 * turned once into a function that builds its value (no `Object.entries`, no directive checks per request).
 * Every render still builds new objects and arrays: callers store and change what they get.
 */
const compiledTemplates = new WeakMap<object, Render>();

function compiledTemplate(template: object): Render {
  let render = compiledTemplates.get(template);
  if (!render) {
    render = compile(template);
    compiledTemplates.set(template, render);
  }
  return render;
}

function compile(template: unknown): Render {
  if (typeof template === 'string') {
    if (!hasExpressions(template)) return () => template;
    const parsed = parsedTemplate(template);
    return (context) => renderParsed(parsed, context);
  }
  if (template === null || typeof template !== 'object') return () => template;
  if (Array.isArray(template)) return compileArray(template.map(compile));
  const object = template as Record<string, unknown>;
  if ('$map' in object) return (context) => renderMap(object, context);
  if ('$mapObject' in object) return (context) => renderMapObject(object, context);
  const keys = Object.keys(object);
  return compileObject(keys, keys.map((key) => compile(object[key])));
}

function compileArray(items: readonly Render[]): Render {
  return (context) => {
    const result: unknown[] = [];
    for (const item of items) {
      const rendered = item(context);
      if (rendered !== undefined) result.push(rendered);
    }
    return result;
  };
}

function compileObject(keys: readonly string[], values: readonly Render[]): Render {
  return (context) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const rendered = values[i](context);
      if (rendered === undefined) continue;
      // A key named `__proto__` is data, not the prototype setter.
      if (keys[i] === '__proto__') Object.defineProperty(result, keys[i], { value: rendered, enumerable: true, writable: true, configurable: true });
      else result[keys[i]] = rendered;
    }
    return result;
  };
}

function renderString(template: string, context: TemplateContext): unknown {
  return hasExpressions(template) ? renderParsed(parsedTemplate(template), context) : template;
}

function renderParsed(parsed: Expression | readonly TemplatePart[], context: TemplateContext): unknown {
  if (!Array.isArray(parsed)) return evaluate(parsed as Expression, context);
  return parsed.map((part) => {
    if (part.kind === 'text') return part.text;
    const value = evaluate(part.expr, context);
    if (value === undefined || value === null) return '';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }).join('');
}

/**
 * A template string parsed once: its whole expression, or its parts. Templates come from the contract, so
 * the cache holds a few hundred entries; the bound only guards against a caller rendering arbitrary text.
 */
const parsedTemplates = new Map<string, Expression | readonly TemplatePart[]>();
const PARSED_TEMPLATES_KEPT = 10_000;

function parsedTemplate(template: string): Expression | readonly TemplatePart[] {
  let parsed = parsedTemplates.get(template);
  if (parsed === undefined) {
    parsed = wholeExpression(template) ?? parseString(template);
    if (parsedTemplates.size >= PARSED_TEMPLATES_KEPT) parsedTemplates.clear();
    parsedTemplates.set(template, parsed);
  }
  return parsed;
}

function renderMap(directive: Record<string, unknown>, context: TemplateContext): unknown {
  const source = renderTemplate(directive.$map, context);
  if (!Array.isArray(source)) return undefined;
  return source.map((item) => renderTemplate(directive.to, withVar(context, 'item', item)));
}

function renderMapObject(directive: Record<string, unknown>, context: TemplateContext): unknown {
  const source = renderTemplate(directive.$mapObject, context);
  if (!Array.isArray(source)) return undefined;
  const result: Record<string, unknown> = {};
  for (const item of source) {
    const itemContext = withVar(context, 'item', item);
    result[String(renderTemplate(directive.key, itemContext))] = renderTemplate(directive.value, itemContext);
  }
  return result;
}

/** The context's clock and randomness with one more name (its `now` may be a method: no spread of the context). */
function withVar(context: TemplateContext, name: string, value: unknown): TemplateContext {
  return new TemplateScope({ ...context.vars, [name]: value }, context.random, context);
}

/**
 * A template context whose clock is an instant read once (every `${now}` of the templates one request
 * renders is then the same), or another context it asks on each `${now}`, as an `each` item's asks its
 * parent's. A class rather than `{ now: () => instant }`: the bundle keeps function names (esbuild
 * `keepNames`), and naming a closure made per request cost ~0.7 us (`Object.defineProperty`).
 * @example new TemplateScope({ path: { id: 'a' } }, random, clock.now())
 */
export class TemplateScope implements TemplateContext {
  constructor(readonly vars: Readonly<Record<string, unknown>>, readonly random: Random, private readonly clock: Date | Pick<TemplateContext, 'now'>) {}

  now(): Date {
    return this.clock instanceof Date ? this.clock : this.clock.now();
  }
}

function evaluate(expr: Expression, context: TemplateContext): unknown {
  switch (expr.kind) {
    case 'uuid': return randomUuid(context.random);
    case 'now': return isoText(context.now());
    case 'random': return randomString(context.random, expr.alphabet, Number(expr.length));
    case 'path': return lookupSegments(context.vars, segmentsOf(expr));
  }
}

/** The last instant rendered and its text: seeding renders the same clock reading for every record. */
let lastInstant = { time: Number.NaN, text: '' };

function isoText(date: Date): string {
  const time = date.getTime();
  if (time !== lastInstant.time) lastInstant = { time, text: date.toISOString() };
  return lastInstant.text;
}

const pathSegments = new WeakMap<Expression, readonly string[]>();

function segmentsOf(expr: Expression & { kind: 'path' }): readonly string[] {
  let segments = pathSegments.get(expr);
  if (!segments) {
    segments = expr.path.split('.');
    pathSegments.set(expr, segments);
  }
  return segments;
}

function lookupSegments(root: unknown, segments: readonly string[]): unknown {
  let value: unknown = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** `record.intent.type` -> the nested value, or undefined. */
export function lookupPath(root: unknown, path: string): unknown {
  return lookupSegments(root, path.split('.'));
}
