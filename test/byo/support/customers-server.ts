import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { clock, HttpError, isJsonType, listen, readBody, type Reply, type RunningServer } from './http-kit.ts';
import type { CustomersDefect } from './customers-defects.ts';

/**
 * An implementation of test/data/openapi/customers-3.1.yaml written from the document alone, the way a
 * modern payments-style backend would: random prefixed ids, customers private to the token's account,
 * newest first, unique emails per account, an `Idempotency-Key` replaying the first answer for the same
 * body, unknown properties refused (the bodies are closed). With a `defect`, exactly one thing is wrong.
 */
const BASE = '/v1';
const TOKENS: Readonly<Record<string, string>> = { tok_alice: 'acct_alice', tok_bob: 'acct_bob' };
const ID = /^cus_[a-zA-Z0-9]{14}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+[1-9][0-9]{6,14}$/;
const FIELDS = ['email', 'name', 'phone', 'default_payment_method', 'metadata'];

interface Customer { id: string; account: string; email: string; name: string | null; phone: string | null; default_payment_method: unknown; metadata: Record<string, string>; created: number; seq: number }
type Fields = Record<string, unknown>;
type Issue = { pointer: string; detail: string };

function newId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return prefix + [...randomBytes(14)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

const CHECKS: Record<string, (value: unknown, lax: boolean) => string | undefined> = {
  email: (v) => (typeof v === 'string' && EMAIL.test(v) ? undefined : 'must be an email address'),
  name: (v) => (v === null || (typeof v === 'string' && [...v].length <= 256) ? undefined : 'must be a string of at most 256 characters or null'),
  phone: (v) => (v === null || (typeof v === 'string' && PHONE.test(v)) ? undefined : 'must be an E.164 phone number or null'),
  default_payment_method: (v, lax) => paymentMethodIssue(v, lax),
  metadata: (v) => metadataIssue(v),
};

function paymentMethodIssue(value: unknown, lax: boolean): string | undefined {
  if (value === null) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be a payment method or null';
  const method = value as Fields;
  const keys = Object.keys(method);
  if (method.type === 'card') {
    if (lax) return undefined;
    const ok = typeof method.last4 === 'string' && /^[0-9]{4}$/.test(method.last4) && month(method.exp_month) && year(method.exp_year);
    return ok && keys.every((k) => ['type', 'last4', 'exp_month', 'exp_year'].includes(k)) ? undefined : 'a card needs last4, exp_month and exp_year';
  }
  if (method.type === 'bank_account') {
    if (lax) return undefined;
    const ok = typeof method.iban === 'string' && /^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/.test(method.iban);
    return ok && keys.every((k) => ['type', 'iban'].includes(k)) ? undefined : 'a bank account needs an iban';
  }
  return '`type` must be card or bank_account';
}

const month = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 12;
const year = (v: unknown) => Number.isInteger(v) && (v as number) >= 2000 && (v as number) <= 2100;

function metadataIssue(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
  const entries = Object.entries(value as Fields);
  if (entries.length > 20) return 'takes at most 20 keys';
  return entries.every(([, v]) => typeof v === 'string' && [...v].length <= 500) ? undefined : 'values are strings of at most 500 characters';
}

export async function startCustomersServer(defect?: CustomersDefect): Promise<RunningServer> {
  const customers = new Map<string, Customer>();
  const replays = new Map<string, { body: string; reply: Reply }>();
  let seq = 0;
  const tick = clock();
  const has = (name: CustomersDefect) => defect === name;

  const problem = (status: number, title: string, extra: Fields = {}): Reply => has('errorsNotProblem')
    ? { status, type: 'application/json', body: JSON.stringify({ error: title }) }
    : { status, type: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title, status, ...extra }) };
  const fail = (status: number, title: string, extra: Fields = {}) => new HttpError(problem(status, title, extra));
  const json = (status: number, value: unknown, headers?: Record<string, string>): Reply =>
    ({ status, type: 'application/json', body: JSON.stringify(value), headers });

  function caller(req: IncomingMessage): string {
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    const account = match ? TOKENS[match[1]] : undefined;
    if (account) return account;
    if (has('noAuth') && req.headers.authorization === undefined) return 'acct_alice';
    throw new HttpError({ ...problem(401, 'Unauthorized'), headers: { 'www-authenticate': 'Bearer' } });
  }

  async function jsonBody(req: IncomingMessage): Promise<{ text: string; fields: unknown }> {
    const text = await readBody(req, () => problem(413, 'Content Too Large'));
    if (!isJsonType(req.headers['content-type'])) throw fail(415, 'Unsupported Media Type');
    try {
      return { text, fields: JSON.parse(text) };
    } catch {
      throw fail(400, 'Bad Request', { detail: 'The body is not valid JSON.' });
    }
  }

  function validate(body: unknown, required: string[]): Fields {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw fail(400, 'Bad Request', { errors: [{ pointer: '', detail: 'must be an object' }] });
    const fields = body as Fields;
    const errors: Issue[] = required.filter((name) => fields[name] === undefined).map((name) => ({ pointer: `/${name}`, detail: 'is required' }));
    for (const [name, value] of Object.entries(fields)) {
      const check = CHECKS[name];
      if (!check) {
        if (!(has('readOnlyStored') && ['id', 'object', 'created'].includes(name))) errors.push({ pointer: `/${name}`, detail: 'is not a known property' });
        continue;
      }
      const issue = check(value, has('paymentMethodLax'));
      if (issue) errors.push({ pointer: `/${name}`, detail: issue });
    }
    if (errors.length > 0) throw fail(400, 'Bad Request', { errors });
    return fields;
  }

  const show = (customer: Customer): Fields => {
    const { account: _account, seq: _seq, ...view } = customer;
    const shown: Fields = { ...view, object: 'customer' };
    if (has('idWrongPrefix')) shown.id = customer.id.replace(/^cus_/, 'cust_');
    if (has('nullOmitted') && customer.name === null) delete shown.name;
    return shown;
  };

  function own(account: string, raw: string): Customer {
    const id = has('idWrongPrefix') ? raw.replace(/^cust_/, 'cus_') : raw;
    const customer = customers.get(id);
    if (!customer || customer.account !== account) throw fail(404, 'Not Found', { detail: `No such customer: ${raw}` });
    return customer;
  }

  function emailTaken(account: string, email: unknown, except?: string): void {
    if (has('emailNotUnique')) return;
    const taken = [...customers.values()].some((c) => c.account === account && c.email === email && c.id !== except);
    if (taken) throw fail(409, 'Conflict', { detail: 'A customer with this email exists.' });
  }

  function list(account: string, query: URLSearchParams): Reply {
    const rawLimit = query.get('limit');
    const limit = rawLimit === null ? 10 : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= 100)) throw fail(400, 'Bad Request', { errors: [{ pointer: '/limit', detail: 'must be from 1 to 100' }] });
    const email = query.get('email');
    const all = [...customers.values()].filter((c) => c.account === account && (email === null || c.email === email)).sort((a, b) => b.seq - a.seq);
    const after = query.get('starting_after');
    let start = 0;
    if (after !== null) {
      const index = all.findIndex((c) => c.id === (has('idWrongPrefix') ? after.replace(/^cust_/, 'cus_') : after));
      if (index < 0) throw fail(400, 'Bad Request', { errors: [{ pointer: '/starting_after', detail: 'is not a customer of this list' }] });
      start = has('cursorRepeats') ? index : index + 1;
    }
    const page = has('limitIgnored') ? all.slice(start) : all.slice(start, start + limit);
    const hasMore = !has('hasMoreWrong') && start + page.length < all.length;
    return json(200, { object: 'list', data: page.map(show), has_more: hasMore });
  }

  async function create(account: string, req: IncomingMessage): Promise<Reply> {
    const { text, fields: body } = await jsonBody(req);
    const key = req.headers['idempotency-key'];
    const replayKey = typeof key === 'string' ? `${account}\n${key}` : undefined;
    const earlier = replayKey === undefined ? undefined : replays.get(replayKey);
    if (earlier) {
      if (earlier.body !== text) throw fail(400, 'Bad Request', { detail: 'This Idempotency-Key was used with another body.' });
      return earlier.reply;
    }
    const fields = validate(body, ['email']);
    emailTaken(account, fields.email);
    const customer: Customer = {
      id: newId('cus_'), account, email: fields.email as string, name: (fields.name ?? null) as string | null, phone: (fields.phone ?? null) as string | null,
      default_payment_method: fields.default_payment_method ?? null, metadata: (fields.metadata ?? {}) as Record<string, string>,
      created: typeof fields.created === 'number' ? fields.created : Math.floor(tick() / 1000), seq: ++seq,
    };
    customers.set(customer.id, customer);
    const shown = show(customer);
    const headers = has('locationMissing') ? undefined : { location: `${BASE}/customers/${shown.id as string}` };
    const reply = json(has('createAnswers200') ? 200 : 201, shown, headers);
    if (replayKey !== undefined) replays.set(replayKey, { body: text, reply });
    return reply;
  }

  async function update(customer: Customer, req: IncomingMessage): Promise<Reply> {
    const fields = validate((await jsonBody(req)).fields, []);
    if (fields.email !== undefined) emailTaken(customer.account, fields.email, customer.id);
    const base = has('updateReplaces') ? { ...customer, name: null, phone: null, default_payment_method: null, metadata: {} } : customer;
    const given = Object.fromEntries(FIELDS.filter((name) => fields[name] !== undefined).map((name) => [name, fields[name]]));
    const updated: Customer = { ...base, ...given };
    if (has('createdMoves')) updated.created = Math.floor(tick() / 1000) + 1;
    customers.set(customer.id, updated);
    return json(200, show(updated));
  }

  async function route(req: IncomingMessage, url: URL): Promise<Reply> {
    if (!url.pathname.startsWith(`${BASE}/`)) throw fail(404, 'Not Found');
    const parts = url.pathname.slice(BASE.length + 1).split('/').map(decodeURIComponent);
    if (parts[0] !== 'customers' || parts.length > 2) throw fail(404, 'Not Found');
    const account = caller(req);
    const method = req.method ?? 'GET';
    if (parts.length === 1) {
      if (method === 'GET') return list(account, url.searchParams);
      return method === 'POST' ? create(account, req) : problem(405, 'Method Not Allowed');
    }
    if (!ID.test(parts[1]) && !has('idWrongPrefix')) throw fail(404, 'Not Found', { detail: `No such customer: ${parts[1]}` });
    const customer = own(account, parts[1]);
    if (method === 'GET') return json(200, show(customer));
    if (method === 'POST') return update(customer, req);
    if (method !== 'DELETE') return problem(405, 'Method Not Allowed');
    if (!has('deleteKeeps')) customers.delete(customer.id);
    return json(200, { id: show(customer).id, object: 'customer', deleted: true });
  }

  return listen(BASE, route, () => problem(500, 'Internal Server Error'));
}
