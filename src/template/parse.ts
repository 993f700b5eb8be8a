/**
 * The template language's one grammar (see contracts/README.md). A string is text with `${expr}` parts; an
 * expression is a generator (`uuid`, `now`, `hex:24`, `alnum:8`, `digits:6`) or a dotted path into the
 * named values (`record.session_id`, `principal`). The renderer, the runner's record locator and the
 * runner's shape check all read templates through these functions.
 */
import type { Alphabet } from './random.ts';

export type Expression =
  | { readonly kind: 'uuid' }
  | { readonly kind: 'now' }
  /** `hex:24`; `length` is the argument as written (the renderer reads it as a number). */
  | { readonly kind: 'random'; readonly alphabet: Alphabet; readonly length: string }
  | { readonly kind: 'path'; readonly path: string };

export type TemplatePart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'expr'; readonly expr: Expression };

const ALPHABETS: ReadonlySet<string> = new Set<Alphabet>(['hex', 'alnum', 'digits']);
const WHOLE = /^\$\{([^}]+)\}$/;
const PARTS = /(\$\{[^}]+\})/;

/** One expression, as written between `${` and `}`. */
export function parseExpression(source: string): Expression {
  const trimmed = source.trim();
  if (trimmed === 'uuid') return { kind: 'uuid' };
  if (trimmed === 'now') return { kind: 'now' };
  const [name, argument] = trimmed.split(':');
  if (argument !== undefined && ALPHABETS.has(name)) return { kind: 'random', alphabet: name as Alphabet, length: argument };
  return { kind: 'path', path: trimmed };
}

/** The expression of a string that is exactly one `${expr}` (and so keeps the value's type), else undefined. */
export function wholeExpression(template: string): Expression | undefined {
  const match = WHOLE.exec(template);
  return match ? parseExpression(match[1]) : undefined;
}

/** Whether a string holds any `${expr}` at all (plain strings render as themselves). */
export function hasExpressions(template: string): boolean {
  return template.includes('${');
}

/**
 * A string split into text and expressions, in order.
 *
 * @example
 * parseString('csn_${alnum:28}'); // [{ kind: 'text', text: 'csn_' }, { kind: 'expr', expr: { kind: 'random', alphabet: 'alnum', length: '28' } }]
 */
export function parseString(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const piece of template.split(PARTS)) {
    if (piece === '') continue;
    const match = WHOLE.exec(piece);
    parts.push(match ? { kind: 'expr', expr: parseExpression(match[1]) } : { kind: 'text', text: piece });
  }
  return parts;
}

/** Object directives (`$map`, `$mapObject`) build values from lists; they are templates, not data. */
export function isDirective(template: object): boolean {
  return '$map' in template || '$mapObject' in template;
}
