import { hasExpressions, parseString, wholeExpression, type Expression } from './parse.ts';

/**
 * The top-level fields of a named value (`record`) that a template reads, or `null` when it reads the value
 * whole (`${record}`, alone or inside text). A renderer given only those fields renders the same result.
 *
 * @example
 * fieldsNamed({ id: '${record.session_id}', p: '${record.provider.name}' }, 'record'); // Set { 'session_id', 'provider' }
 */
export function fieldsNamed(template: unknown, name: string): ReadonlySet<string> | null {
  const fields = new Set<string>();
  return collect(template, name, fields) ? fields : null;
}

/** Adds the fields read under `name` to `fields`; false once the template reads the value whole. */
function collect(template: unknown, name: string, fields: Set<string>): boolean {
  if (typeof template === 'string') {
    if (!hasExpressions(template)) return true;
    const whole = wholeExpression(template);
    const expressions: Expression[] = whole ? [whole] : parseString(template).flatMap((part) => (part.kind === 'expr' ? [part.expr] : []));
    return expressions.every((expr) => expr.kind !== 'path' || addField(expr.path, name, fields));
  }
  if (template === null || typeof template !== 'object') return true;
  return Object.values(template).every((value) => collect(value, name, fields));
}

function addField(path: string, name: string, fields: Set<string>): boolean {
  const segments = path.split('.');
  if (segments[0] !== name) return true;
  if (segments.length === 1) return false;
  fields.add(segments[1]);
  return true;
}
