import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Defect } from './notebook-defects.ts';

/**
 * An implementation of test/data/openapi/notebook-3.1.yaml written from the document alone, the way a
 * plain backend would: its own ids, notebooks private to their owner, unknown parents answered 404 before a
 * body is looked at, page sizes above the maximum clamped, its own credentials for the Basic, cookie and
 * query-key schemes. With a `defect`, exactly one thing is wrong.
 */
export interface NotebookServer {
  /** The API root, e.g. `http://127.0.0.1:PORT/api/v1`. */
  readonly url: string;
  close(): Promise<void>;
}

const BASE = '/api/v1';
const BEARER_TOKENS: Readonly<Record<string, string>> = { tok_alice: 'alice', tok_bob: 'bob' };
const BASIC_USERS: Readonly<Record<string, string>> = { alice: 'wonderland' };
const SESSIONS = new Set(['sess_alice']);
const API_KEYS = new Set(['key_alice']);
const COLORS = ['red', 'green', 'blue'];
const MAX_BODY_BYTES = 256 * 1024;

interface Notebook {
  id: number;
  owner: string;
  title: string;
  color: string;
  secret?: string;
  createdAt: string;
  updatedAt: string;
}

interface Note {
  id: string;
  notebookId: number;
  text: string;
  pinned: boolean;
}

interface Reply {
  status: number;
  type?: string;
  body?: string;
  headers?: Record<string, string>;
}

class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

const problem = (status: number, title: string, extra: Record<string, unknown> = {}): Reply =>
  ({ status, type: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title, status, ...extra }) });

export async function startNotebookServer(defect?: Defect): Promise<NotebookServer> {
  const notebooks = new Map<number, Notebook>();
  const notes: Note[] = [];
  let nextId = 7001;
  let lastStamp = 0;
  const has = (name: Defect) => defect === name;

  // Strictly increasing timestamps: an update always moves `updatedAt`, even within one millisecond.
  const now = (): string => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp).toISOString();
  };

  const json = (status: number, value: unknown): Reply =>
    ({ status, type: has('textContentType') ? 'text/plain' : 'application/json', body: JSON.stringify(value) });

  const present = (notebook: Notebook): Record<string, unknown> => {
    const { owner: _owner, secret, ...shown } = notebook;
    const view: Record<string, unknown> = { ...shown };
    if (has('secretReturned') && secret !== undefined) view.secret = secret;
    if (has('missingCreatedAt')) delete view.createdAt;
    if (has('idAsString')) view.id = String(notebook.id);
    return view;
  };

  function caller(req: IncomingMessage): string {
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    const user = match ? BEARER_TOKENS[match[1]] : undefined;
    if (user) return user;
    if (has('noAuth') && req.headers.authorization === undefined) return 'alice';
    throw new HttpError({ ...problem(401, 'Unauthorized'), headers: { 'www-authenticate': 'Bearer realm="notebook"' } });
  }

  function ownNotebook(user: string, raw: string): Notebook {
    const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
    const notebook = notebooks.get(id);
    if (!notebook || notebook.owner !== user) throw new HttpError(problem(404, 'Not Found', { detail: `No notebook ${raw}.` }));
    return notebook;
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new HttpError(problem(413, 'Payload Too Large'));
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    const text = await readBody(req);
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
      throw new HttpError(problem(422, 'Unprocessable Content', { detail: 'The body must be JSON.' }));
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(problem(400, 'Bad Request', { detail: 'The body is not valid JSON.' }));
    }
  }

  function validateNotebook(body: unknown, partial: boolean): Record<string, unknown> {
    const errors: { field: string; message: string }[] = [];
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new HttpError(problem(422, 'Unprocessable Content', { errors: [{ field: '', message: 'must be an object' }] }));
    }
    const fields = body as Record<string, unknown>;
    const allowed = partial ? ['title', 'color'] : ['title', 'color', 'secret'];
    for (const name of Object.keys(fields)) if (!allowed.includes(name)) errors.push({ field: name, message: 'unknown property' });
    if (fields.title === undefined) {
      if (!partial) errors.push({ field: 'title', message: 'is required' });
    } else if (typeof fields.title !== 'string' || [...fields.title].length < 1 || [...fields.title].length > 80) {
      errors.push({ field: 'title', message: 'must be a string of 1 to 80 characters' });
    }
    if (fields.color !== undefined && !COLORS.includes(fields.color as string)) errors.push({ field: 'color', message: `must be one of ${COLORS.join(', ')}` });
    if (fields.secret !== undefined && typeof fields.secret !== 'string') errors.push({ field: 'secret', message: 'must be a string' });
    if (errors.length > 0 && !(has('acceptsInvalidBody') && !partial)) throw new HttpError(problem(422, 'Unprocessable Content', { errors }));
    return fields;
  }

  function listNotebooks(user: string, query: URLSearchParams): Reply {
    const page = Math.max(1, integerOr(query.get('page'), 1));
    const perPage = Math.min(50, Math.max(1, integerOr(query.get('per_page'), 2)));
    let all = [...notebooks.values()].filter((n) => n.owner === user).sort((a, b) => a.id - b.id);
    if (has('listHidesNew')) all = all.slice(0, -1);
    const items = has('pagingIgnored') ? all : all.slice((page - 1) * perPage, page * perPage);
    return json(200, { items: items.map(present), total: has('totalWrong') ? items.length : all.length, page });
  }

  async function createNotebook(user: string, req: IncomingMessage): Promise<Reply> {
    const fields = validateNotebook(await jsonBody(req), false);
    const stamp = now();
    const notebook: Notebook = {
      id: nextId,
      owner: user,
      title: fields.title as string,
      color: (fields.color as string | undefined) ?? 'blue',
      ...(typeof fields.secret === 'string' ? { secret: fields.secret } : {}),
      createdAt: stamp,
      updatedAt: stamp,
    };
    nextId += 3;
    if (!has('createNotPersisted')) notebooks.set(notebook.id, notebook);
    return json(has('createAnswers200') ? 200 : 201, { data: present(notebook) });
  }

  async function updateNotebook(notebook: Notebook, req: IncomingMessage): Promise<Reply> {
    const fields = validateNotebook(await jsonBody(req), true);
    const updated: Notebook = { ...notebook, updatedAt: now() };
    if (typeof fields.title === 'string') updated.title = fields.title;
    if (typeof fields.color === 'string' && !has('patchIgnoresColor')) updated.color = fields.color;
    if (has('createdAtMoves')) updated.createdAt = updated.updatedAt;
    if (!has('patchNotPersisted')) notebooks.set(notebook.id, updated);
    return json(200, { data: present(updated) });
  }

  function deleteNotebook(notebook: Notebook): Reply {
    if (!has('deleteKeeps')) {
      notebooks.delete(notebook.id);
      for (let i = notes.length - 1; i >= 0; i--) if (notes[i].notebookId === notebook.id) notes.splice(i, 1);
    }
    return { status: 204 };
  }

  function notesOf(notebook: Notebook | undefined): Note[] {
    return notes.filter((note) => has('notesNotScoped') || note.notebookId === notebook?.id);
  }

  function listNotes(notebook: Notebook, query: URLSearchParams): Reply {
    const limit = Math.min(100, Math.max(1, integerOr(query.get('limit'), 20)));
    const scoped = notesOf(notebook);
    const after = query.get('after');
    const start = after === null ? 0 : scoped.findIndex((note) => note.id === after) + 1;
    const page = start === 0 && after !== null ? [] : scoped.slice(start, start + limit);
    return json(200, page.map(showNote));
  }

  async function createNote(notebook: Notebook, req: IncomingMessage): Promise<Reply> {
    const text = await readBody(req);
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return problem(415, 'Unsupported Media Type', { detail: 'Notes are created from forms.' });
    }
    const form = new URLSearchParams(text);
    const noteText = form.get('text');
    const pinned = form.get('pinned');
    if (noteText === null || noteText === '' || (pinned !== null && pinned !== 'true' && pinned !== 'false')) {
      return problem(400, 'Bad Request', { detail: '`text` is required; `pinned` is true or false.' });
    }
    const note: Note = { id: randomUUID(), notebookId: notebook.id, text: noteText, pinned: pinned === 'true' && !has('notePinnedIgnored') };
    notes.push(note);
    return json(201, showNote(note));
  }

  function getNote(notebook: Notebook, noteId: string): Reply {
    const note = notesOf(notebook).find((n) => n.id === noteId);
    return note ? json(200, showNote(note)) : problem(404, 'Not Found', { detail: `No note ${noteId} in this notebook.` });
  }

  async function uploadAttachment(req: IncomingMessage, query: URLSearchParams): Promise<Reply> {
    if (!API_KEYS.has(query.get('key') ?? '')) return problem(401, 'Unauthorized', { detail: 'A valid `key` is required.' });
    const text = await readBody(req);
    const boundary = /boundary=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2];
    const hasTitle = boundary !== undefined && text.split(`--${boundary}`).some((part) => /name="title"/.test(part.split('\r\n\r\n')[0] ?? ''));
    if (!hasTitle) return problem(400, 'Bad Request', { detail: 'A multipart body with a `title` is required.' });
    return json(200, { ok: true });
  }

  function ping(req: IncomingMessage): Reply {
    const basic = /^Basic (\S+)$/i.exec(req.headers.authorization ?? '');
    const [user, password] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
    const session = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const allowed = (user !== undefined && password !== undefined && BASIC_USERS[user] === password) || (session !== undefined && SESSIONS.has(session));
    if (!allowed) return { ...problem(401, 'Unauthorized'), headers: { 'www-authenticate': 'Basic realm="notebook"' } };
    return { status: 200, type: 'text/plain; charset=utf-8', body: 'pong' };
  }

  async function route(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://notebook.local');
    if (!url.pathname.startsWith(`${BASE}/`)) return problem(404, 'Not Found');
    const parts = url.pathname.slice(BASE.length + 1).split('/').map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const notAllowed = problem(405, 'Method Not Allowed');
    if (parts[0] === 'status' && parts.length === 1) return method === 'GET' ? json(200, { state: 'up' }) : notAllowed;
    if (parts[0] === 'ping' && parts.length === 1) return method === 'GET' ? ping(req) : notAllowed;
    if (parts[0] === 'attachments' && parts.length === 1) return method === 'POST' ? uploadAttachment(req, url.searchParams) : notAllowed;
    if (parts[0] !== 'notebooks') return problem(404, 'Not Found');
    const user = caller(req);
    if (parts.length === 1) {
      if (method === 'GET') return listNotebooks(user, url.searchParams);
      if (method === 'POST') return createNotebook(user, req);
      return notAllowed;
    }
    if (has('readFails') && method === 'GET' && parts.length === 2) return problem(500, 'Internal Server Error');
    const notebook = ownNotebook(user, parts[1]);
    if (parts.length === 2) {
      if (method === 'GET') return json(200, { data: present(notebook) });
      if (method === 'PATCH') return updateNotebook(notebook, req);
      if (method === 'DELETE') return deleteNotebook(notebook);
      return notAllowed;
    }
    if (parts[2] !== 'notes' || parts.length > 4) return problem(404, 'Not Found');
    if (parts.length === 3) {
      if (method === 'GET') return listNotes(notebook, url.searchParams);
      if (method === 'POST') return createNote(notebook, req);
      return notAllowed;
    }
    return method === 'GET' ? getNote(notebook, parts[3]) : notAllowed;
  }

  const server = createServer((req, res) => {
    route(req).catch((error: unknown) => {
      if (error instanceof HttpError) return error.reply;
      return problem(500, 'Internal Server Error');
    }).then((reply) => send(res, reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function showNote(note: Note): Record<string, unknown> {
  return { id: note.id, text: note.text, pinned: note.pinned };
}

function integerOr(value: string | null, fallback: number): number {
  return value !== null && /^-?\d+$/.test(value) ? Number(value) : fallback;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.type) headers['content-type'] = reply.type;
  if (reply.body !== undefined) headers['content-length'] = Buffer.byteLength(reply.body);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}
