import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, listen, readBody, type Reply, type RunningServer } from './http-kit.ts';

/** One seeded defect each; the server without any is a correct implementation of patch-media-3.1.yaml. */
export const WIDGET_DEFECTS = {
  mergeReplacesNested: 'a merge-patch stores a nested object as sent, dropping the members it left out',
  mergeNullStored: 'a merge-patch stores null instead of removing the field',
  removeIgnored: 'JSON Patch `remove` operations are skipped',
  testIgnored: 'a JSON Patch whose `test` fails is applied anyway',
  notAtomic: 'the operations before a failing `test` stay applied',
} as const;

export type WidgetDefect = keyof typeof WIDGET_DEFECTS;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const problem = (status: number, title: string): Reply => ({ status, type: 'application/problem+json', body: JSON.stringify({ title }) });
const fail = (status: number, title: string) => new HttpError(problem(status, title));

/** A field's schema, written out by hand (this server shares no code with the harness). */
const FIELDS: Record<string, (value: unknown) => boolean> = {
  name: (v) => typeof v === 'string',
  note: (v) => typeof v === 'string' || v === null,
  tags: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
  dimensions: (v) => isObject(v) && Object.entries(v).every(([k, d]) => (k === 'unit' ? d === 'mm' || d === 'in' : Number.isInteger(d))),
};

function assertFields(body: unknown, status: number, nullRemoves = false): asserts body is Json {
  if (!isObject(body)) throw fail(status, 'The body must be an object.');
  for (const [name, value] of Object.entries(body)) {
    const check = FIELDS[name];
    if (!check || (nullRemoves && value === null)) continue;
    const judged = nullRemoves && isObject(value) ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) : value;
    if (!check(judged)) throw fail(status, `\`${name}\` is invalid.`);
  }
}

function merge(target: unknown, patch: unknown, keepNull: boolean): unknown {
  if (!isObject(patch)) return patch;
  const result: Json = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null && !keepNull) delete result[key];
    else result[key] = merge(result[key], value, keepNull);
  }
  return result;
}

/** Applies one operation in place; throws 409 where the document's state does not allow it. */
function applyOperation(doc: Json, op: Json): void {
  const segments = String(op.path).split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop();
  let parent: unknown = doc;
  for (const segment of segments) parent = isObject(parent) || Array.isArray(parent) ? (parent as Json)[segment] : undefined;
  if (last === undefined || !(isObject(parent) || Array.isArray(parent))) throw fail(409, `${String(op.path)} does not exist.`);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op.op !== 'add' && !(index < parent.length)) throw fail(409, `${String(op.path)} does not exist.`);
    if (op.op === 'test' && JSON.stringify(parent[index]) !== JSON.stringify(op.value)) throw fail(409, `${String(op.path)} test failed.`);
    if (op.op === 'remove' || op.op === 'replace') parent.splice(index, 1);
    if (op.op === 'add' || op.op === 'replace') parent.splice(index, 0, op.value);
    return;
  }
  const holder = parent as Json;
  if (op.op !== 'add' && !Object.hasOwn(holder, last)) throw fail(409, `${String(op.path)} does not exist.`);
  if (op.op === 'test' && JSON.stringify(holder[last]) !== JSON.stringify(op.value)) throw fail(409, `${String(op.path)} test failed.`);
  if (op.op === 'remove' || op.op === 'replace') delete holder[last];
  if (op.op === 'add' || op.op === 'replace') holder[last] = op.value;
}

/** Serves patch-media-3.1.yaml (create, read, and PATCH in merge-patch, JSON Patch and JSON). */
export async function startWidgetsServer(defect?: WidgetDefect): Promise<RunningServer> {
  const widgets = new Map<string, Json>();
  const has = (name: WidgetDefect) => defect === name;

  function jsonPatch(stored: Json, body: unknown): Json {
    if (!Array.isArray(body) || !body.every((op) => isObject(op) && ['add', 'remove', 'replace', 'test'].includes(op.op as string) && typeof op.path === 'string')) {
      throw fail(422, 'The body must be a list of add, remove, replace or test operations.');
    }
    const doc = structuredClone(stored);
    for (const op of body as Json[]) {
      if (has('removeIgnored') && op.op === 'remove') continue;
      try {
        applyOperation(has('notAtomic') ? stored : doc, op);
      } catch (error) {
        if (!has('testIgnored') || op.op !== 'test') throw error;
      }
    }
    return has('notAtomic') ? stored : doc;
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    const text = await readBody(req, () => problem(400, 'The body is too large.'));
    const parse = () => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw fail(400, 'Malformed JSON.');
      }
    };
    const ok = (status: number, widget: Json): Reply => ({ status, type: 'application/json', body: JSON.stringify(widget) });
    if (url.pathname === '/widgets' && req.method === 'POST') {
      const body = parse();
      assertFields(body, 400);
      if (typeof body.name !== 'string') throw fail(400, '`name` is required.');
      const widget: Json = { ...body, id: randomUUID() };
      widgets.set(widget.id as string, widget);
      return ok(201, widget);
    }
    const match = /^\/widgets\/([^/]+)$/.exec(url.pathname);
    const stored = match ? widgets.get(decodeURIComponent(match[1])) : undefined;
    if (!match || (req.method !== 'GET' && req.method !== 'PATCH')) return problem(404, 'No such route.');
    if (!stored) return problem(404, 'No such widget.');
    if (req.method === 'GET') return ok(200, stored);
    const body = parse();
    let next: Json;
    if (type === 'application/json-patch+json') next = jsonPatch(stored, body);
    else if (type === 'application/merge-patch+json') {
      assertFields(body, 422, true);
      next = merge(stored, has('mergeReplacesNested') ? { ...body } : body, has('mergeNullStored')) as Json;
      if (has('mergeReplacesNested')) for (const [key, value] of Object.entries(body)) if (isObject(value)) next[key] = value;
    } else if (type === 'application/json') {
      assertFields(body, 422);
      next = { ...stored, ...body };
    } else throw fail(400, `Content-Type ${type} is not accepted.`);
    next.id = stored.id;
    if (typeof next.name !== 'string') throw fail(422, '`name` is required.');
    widgets.set(stored.id as string, next);
    return ok(200, next);
  }

  return listen('', route, () => problem(500, 'Internal error.'));
}
