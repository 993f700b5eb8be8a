import type { IncomingMessage } from 'node:http';
import { clock, HttpError, isFormType, isJsonType, listen, readBody, type Reply, type RunningServer } from './http-kit.ts';
import type { TrackerDefect } from './tracker-defects.ts';

/**
 * An implementation of test/data/openapi/tracker-3.0.yaml written from the document alone, the way an older
 * CRUD backend would: counting integer ids, projects private to the API key's owner, tasks under their
 * project, unknown properties and read-only fields ignored, oldest first, `per_page` over its maximum
 * refused with 422 on projects and clamped on tasks, a body past its limit refused before the rest is read.
 * With a `defect`, exactly one thing is wrong.
 */
const BASE = '/v2';
const API_KEYS: Readonly<Record<string, string>> = { key_alice: 'alice', key_bob: 'bob' };
const STATUSES = ['active', 'paused', 'archived'];

interface Project { id: number; owner: string; name: string; description: string | null; status: string; budget: number | null; created_at: string; updated_at: string }
interface Task { id: number; project_id: number; title: string; done: boolean; assignee: string | null; due_on: string | null; created_at: string; updated_at: string }
type Fields = Record<string, unknown>;
type Issue = { field: string; issue: string };

const error = (status: number, code: string, message: string, details?: Issue[]): Reply =>
  ({ status, type: 'application/json', body: JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } }) });
const json = (status: number, value: unknown): Reply => ({ status, type: 'application/json', body: JSON.stringify(value) });
const invalid = (details: Issue[]) => new HttpError(error(422, 'invalid', 'The request is not valid.', details));

const RULES: Record<string, (value: unknown) => string | undefined> = {
  name: (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 120 ? undefined : 'must be a string of 1 to 120 characters'),
  description: (v) => (v === null || (typeof v === 'string' && v.length <= 2000) ? undefined : 'must be a string of at most 2000 characters or null'),
  status: (v) => (STATUSES.includes(v as string) ? undefined : `must be one of ${STATUSES.join(', ')}`),
  budget: (v) => (v === null || (typeof v === 'number' && v >= 0) ? undefined : 'must be a number of at least 0 or null'),
  title: (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 200 ? undefined : 'must be a string of 1 to 200 characters'),
  done: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  assignee: (v) => (v === null || (typeof v === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) ? undefined : 'must be an email address or null'),
  due_on: (v) => (v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) ? undefined : 'must be a date or null'),
};

/** Checks the known fields (unknown ones are ignored) and the required ones; throws the documented 422. */
function validate(body: unknown, known: string[], required: string[], minProperties = 0): Fields {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid([{ field: '', issue: 'must be an object' }]);
  const fields = body as Fields;
  const details: Issue[] = required.filter((name) => fields[name] === undefined).map((field) => ({ field, issue: 'is required' }));
  for (const name of known) {
    const issue = fields[name] === undefined ? undefined : RULES[name](fields[name]);
    if (issue) details.push({ field: name, issue });
  }
  if (known.filter((name) => fields[name] !== undefined).length < minProperties) details.push({ field: '', issue: 'must change something' });
  if (details.length > 0) throw invalid(details);
  return fields;
}

export async function startTrackerServer(defect?: TrackerDefect): Promise<RunningServer> {
  const projects = new Map<number, Project>();
  const tasks = new Map<number, Task>();
  let nextId = 101;
  const tick = clock();
  const now = () => new Date(tick()).toISOString();
  const has = (name: TrackerDefect) => defect === name;

  const notFound = (what: string) => new HttpError(has('errorShapeWrong')
    ? json(404, { message: `${what} not found` })
    : error(404, 'not_found', `${what} not found`));

  function caller(req: IncomingMessage): string {
    const key = req.headers['x-api-key'];
    const user = typeof key === 'string' ? API_KEYS[key] : undefined;
    if (user) return user;
    if (has('authNotEnforced') && key === undefined) return 'alice';
    throw new HttpError(error(401, 'unauthorized', 'A valid X-Api-Key header is required.'));
  }

  async function body(req: IncomingMessage, formAllowed: boolean): Promise<unknown> {
    const text = await readBody(req, () => error(413, 'too_large', 'The body is too large.'), true);
    const type = req.headers['content-type'];
    if (formAllowed && isFormType(type) && !has('formRefused')) return fromForm(new URLSearchParams(text));
    if (!isJsonType(type)) throw new HttpError(error(415, 'unsupported_media_type', 'Send JSON.'));
    try {
      return JSON.parse(text);
    } catch {
      if (has('malformedJson500')) throw new Error('parse');
      throw new HttpError(error(400, 'malformed', 'The body is not valid JSON.'));
    }
  }

  function fromForm(form: URLSearchParams): Fields {
    const fields: Fields = {};
    for (const [name, value] of form) fields[name] = value;
    if (typeof fields.budget === 'string') fields.budget = fields.budget === '' ? null : Number(fields.budget);
    return fields;
  }

  const showProject = ({ owner: _owner, ...project }: Project): Fields => {
    const view: Fields = { ...project };
    if (has('missingUpdatedAt')) delete view.updated_at;
    return view;
  };
  const showTask = (task: Task): Fields => {
    const view: Fields = { ...task };
    if (has('taskIdAsString')) view.id = String(task.id);
    if (has('nullableOmitted') && task.assignee === null) delete view.assignee;
    return view;
  };

  function ownProject(user: string, raw: string): Project {
    const project = /^\d+$/.test(raw) ? projects.get(Number(raw)) : undefined;
    if (!project || project.owner !== user) throw notFound('Project');
    return project;
  }

  function pageOf<T>(all: T[], query: URLSearchParams, strict: boolean): { items: T[]; meta: Fields } {
    const read = (name: string, fallback: number, max: number): number => {
      const raw = query.get(name);
      const value = raw !== null && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (raw === null) return fallback;
      if (value >= 1 && value <= max) return value;
      if (strict) throw invalid([{ field: name, issue: `must be an integer from 1 to ${max}` }]);
      return Number.isNaN(value) || value < 1 ? fallback : max;
    };
    const page = read('page', 1, Number.MAX_SAFE_INTEGER);
    const perPage = has('perPageIgnored') && strict ? 25 : read('per_page', 25, 100);
    const items = all.slice((page - 1) * perPage, page * perPage);
    return { items, meta: { total: has('totalCountsPage') ? items.length : all.length, page, per_page: perPage } };
  }

  function listProjects(user: string, query: URLSearchParams): Reply {
    const status = query.get('status');
    if (status !== null && !STATUSES.includes(status)) throw invalid([{ field: 'status', issue: `must be one of ${STATUSES.join(', ')}` }]);
    const all = [...projects.values()].filter((p) => p.owner === user && (status === null || p.status === status));
    const { items, meta } = pageOf(all, query, true);
    return json(200, { data: items.map(showProject), meta });
  }

  async function createProject(user: string, req: IncomingMessage): Promise<Reply> {
    const fields = validate(await body(req, true), ['name', 'description', 'status', 'budget'], ['name']);
    const stamp = now();
    const created = has('readOnlyStored') && typeof fields.created_at === 'string' ? fields.created_at : stamp;
    const project: Project = { id: nextId++, owner: user, ...projectFields(fields), created_at: created, updated_at: stamp };
    projects.set(project.id, project);
    return json(has('createAnswers200') ? 200 : 201, showProject(project));
  }

  const projectFields = (fields: Fields) => ({
    name: fields.name as string,
    description: (fields.description ?? null) as string | null,
    status: (fields.status ?? 'active') as string,
    budget: (fields.budget ?? null) as number | null,
  });

  async function replaceProject(project: Project, req: IncomingMessage): Promise<Reply> {
    const fields = validate(await body(req, false), ['name', 'description', 'status', 'budget'], ['name']);
    const kept = has('putMerges') ? pick(fields, ['name', 'description', 'status', 'budget']) : projectFields(fields);
    const replaced: Project = { ...project, ...kept, updated_at: now() };
    projects.set(project.id, replaced);
    return json(200, showProject(replaced));
  }

  async function updateProject(project: Project, req: IncomingMessage): Promise<Reply> {
    const fields = validate(await body(req, false), ['name', 'description', 'status', 'budget'], [], 1);
    const base = has('patchReplaces') ? { ...project, ...projectFields({ name: project.name }) } : project;
    const updated: Project = { ...base, ...pick(fields, ['name', 'description', 'status', 'budget']), updated_at: now() } as Project;
    projects.set(project.id, updated);
    return json(200, showProject(updated));
  }

  function tasksOf(project: Project): Task[] {
    return [...tasks.values()].filter((task) => task.project_id === project.id);
  }

  function ownTask(project: Project, raw: string): Task {
    const task = /^\d+$/.test(raw) ? tasks.get(Number(raw)) : undefined;
    if (!task || (task.project_id !== project.id && !has('tasksNotScoped'))) throw notFound('Task');
    return task;
  }

  async function createTask(project: Project, req: IncomingMessage): Promise<Reply> {
    const fields = validate(await body(req, false), ['title', 'done', 'assignee', 'due_on'], ['title']);
    const stamp = now();
    const task: Task = {
      id: nextId++, project_id: project.id, title: fields.title as string, done: (fields.done ?? false) as boolean,
      assignee: (fields.assignee ?? null) as string | null, due_on: (fields.due_on ?? null) as string | null, created_at: stamp, updated_at: stamp,
    };
    tasks.set(task.id, task);
    return json(201, showTask(task));
  }

  async function updateTask(task: Task, req: IncomingMessage): Promise<Reply> {
    const fields = validate(await body(req, false), ['title', 'done', 'assignee', 'due_on'], []);
    const updated: Task = { ...task, ...pick(fields, ['title', 'done', 'assignee', 'due_on']), updated_at: now() } as Task;
    if (!has('patchNotPersisted')) tasks.set(task.id, updated);
    return json(200, showTask(updated));
  }

  async function projectRoutes(user: string, method: string, parts: string[], req: IncomingMessage, query: URLSearchParams): Promise<Reply> {
    const notAllowed = error(405, 'method_not_allowed', `${method} is not allowed here.`);
    if (parts.length === 1) {
      if (method === 'GET') return listProjects(user, query);
      return method === 'POST' ? createProject(user, req) : notAllowed;
    }
    const project = ownProject(user, parts[1]);
    if (parts.length === 2) {
      if (method === 'GET') return json(200, showProject(project));
      if (method === 'PUT') return replaceProject(project, req);
      if (method === 'PATCH') return updateProject(project, req);
      if (method !== 'DELETE') return notAllowed;
      projects.delete(project.id);
      for (const task of tasksOf(project)) tasks.delete(task.id);
      return { status: 204 };
    }
    if (parts[2] !== 'tasks' || parts.length > 4) throw notFound('Route');
    if (parts.length === 3) {
      if (method === 'GET') return json(200, (({ items, meta }) => ({ data: items.map(showTask), meta }))(pageOf(tasksOf(project), query, false)));
      return method === 'POST' ? createTask(project, req) : notAllowed;
    }
    const task = ownTask(project, parts[3]);
    if (method === 'GET') return json(200, showTask(task));
    if (method === 'PATCH') return updateTask(task, req);
    if (method !== 'DELETE') return notAllowed;
    if (!has('deleteKeeps')) tasks.delete(task.id);
    return { status: 204 };
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    if (!url.pathname.startsWith(`${BASE}/`)) throw notFound('Route');
    const parts = url.pathname.slice(BASE.length + 1).split('/').map(decodeURIComponent);
    if (parts[0] !== 'projects') throw notFound('Route');
    return projectRoutes(caller(req), req.method ?? 'GET', parts, req, url.searchParams);
  }

  return listen(BASE, route, () => error(500, 'internal', 'Something went wrong.'));
}

function pick(fields: Fields, names: string[]): Fields {
  return Object.fromEntries(names.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]]));
}
