import { joinPointer, valueAt } from '../shared/json-pointer.ts';
import { isDirective, wholeExpression } from '../template/parse.ts';
import { isPlainObject } from '../shared/plain-object.ts';

/**
 * Where a response template (`behaviour.response`) puts the record: the whole record (`${record}`), single
 * fields of it (`${record.session_id}`), or a list of records (`${items}`), as JSON pointers into the body.
 */
export interface RecordLocation {
  /** Pointer of the whole record, e.g. `` (the body) or `/appConnection`. */
  readonly whole: string | undefined;
  /** Field path (dotted, e.g. `provider`) -> pointer, for templates that place single fields. */
  readonly fields: ReadonlyMap<string, string>;
  /** Pointer of the list of records (`${items}`). */
  readonly items: string | undefined;
  /** Pointer of the section value (`${section}`). */
  readonly section: string | undefined;
  /** Pointer of the count (`${count}`). */
  readonly count: string | undefined;
}

/**
 * Reads a response template once.
 *
 * @example
 * locateRecord({ success: true, session_id: '${record.session_id}' });
 * // { whole: undefined, fields: Map { 'session_id' => '/session_id' }, items: undefined, section: undefined, count: undefined }
 */
export function locateRecord(template: unknown): RecordLocation {
  const fields = new Map<string, string>();
  const found: { whole?: string; items?: string; section?: string; count?: string } = {};
  walk(template, '', (expr, pointer) => {
    if (expr === 'record') found.whole ??= pointer;
    else if (expr.startsWith('record.')) fields.set(expr.slice('record.'.length), pointer);
    else if (expr === 'items') found.items ??= pointer;
    else if (expr === 'section') found.section ??= pointer;
    else if (expr === 'count') found.count ??= pointer;
  });
  return { whole: found.whole, fields, items: found.items, section: found.section, count: found.count };
}

function walk(template: unknown, pointer: string, visit: (expr: string, pointer: string) => void): void {
  if (typeof template === 'string') {
    const expr = wholeExpression(template);
    if (expr?.kind === 'path') visit(expr.path, pointer);
    return;
  }
  if (template === null || typeof template !== 'object') return;
  // Directives build error bodies from violations; they never hold the record.
  if (isDirective(template)) return;
  if (Array.isArray(template)) {
    template.forEach((item, index) => walk(item, `${pointer}/${index}`, visit));
    return;
  }
  for (const [key, value] of Object.entries(template)) walk(value, joinPointer(pointer, key), visit);
}

/**
 * The record as far as the body shows it: the whole object, or an object of the fields the template places
 * (nested field paths rebuilt). Undefined when the body holds none of it.
 *
 * @example
 * extractRecord(locateRecord({ appConnection: '${record}' }), { appConnection: { name: 'a' } }); // { name: 'a' }
 */
export function extractRecord(location: RecordLocation, body: unknown): Record<string, unknown> | undefined {
  if (location.whole !== undefined) {
    const value = valueAt(body, location.whole);
    return isPlainObject(value) ? value : undefined;
  }
  if (location.fields.size === 0) return undefined;
  const record: Record<string, unknown> = {};
  let any = false;
  for (const [path, pointer] of location.fields) {
    const value = valueAt(body, pointer);
    if (value === undefined) continue;
    any = true;
    setPath(record, path.split('.'), value);
  }
  return any ? record : undefined;
}

/** The records of a list response, or undefined when the body has no list where the template says. */
export function extractItems(location: RecordLocation, body: unknown): unknown[] | undefined {
  if (location.items === undefined) return undefined;
  const value = valueAt(body, location.items);
  return Array.isArray(value) ? value : undefined;
}

/** Whether the template exposes a record field (the whole record, or that field itself). */
export function exposesField(location: RecordLocation, field: string): boolean {
  return location.whole !== undefined || location.fields.has(field);
}

/** Where a record field sits in the body, for messages: `/appConnection/label`, `/endgrate/provider`. */
export function pointerOfField(location: RecordLocation, field: string): string {
  if (location.fields.has(field)) return location.fields.get(field)!;
  return joinPointer(location.whole ?? '', field);
}

/** RFC 6901 lookup, for the checks that import it from here. */
export { valueAt };

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(node[segment])) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
