import type { CheckResult, ExchangeRecord } from './events.ts';
import { childrenOf, copyJson } from './json-copy.ts';
import { encodedForms } from './secret-forms.ts';

export const REDACTED = '[REDACTED]';

/** Three base64url segments starting with an encoded JSON object: a JWT wherever it appears. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
/** `scheme://user:password@`: credentials in any URL. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@"'<>]*@/gi;
/** `?name=value` / `&name=value` anywhere, URL or not. */
const QUERY_VALUE = /([?&][^=&#\s"'<>]*=)([^&#\s"'<>]*)/g;
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);
/** Shorter secrets are scrubbed only where they stand whole (a value, a key, a query value): inside free text they would blank ordinary words. */
const MIN_SECRET_LENGTH = 6;

export interface Redactor {
  /** Remembers secret values seen in a (raw) body: the values of secret fields, wherever they are. */
  observe(body: unknown): void;
  exchange(record: ExchangeRecord): ExchangeRecord;
  text(value: string): string;
  /** The result with its exchange redacted and every string scrubbed. */
  result(result: CheckResult): CheckResult;
}

export interface RedactorOptions {
  /** Credentials given or generated for the run, of any length. */
  readonly tokens: readonly string[];
  /** Field names whose values are secret (`resource.secret` of every resource). */
  readonly secretFields: readonly string[];
  /** The target's base URL: its user, password and query values are credentials too. */
  readonly baseUrl?: string;
}

/**
 * Removes credentials and secret fields before anything becomes an event: Authorization values keep only
 * their scheme, secret fields become `[REDACTED]` wherever they appear in a body, URL user-info is dropped,
 * and known secret values (also URL-encoded and base64), anything shaped like a JWT, and short secrets
 * standing whole are scrubbed from every other string, key and URL. Bodies of any depth are walked
 * without recursion.
 *
 * @example
 * const redactor = createRedactor({ tokens: ['tok_1'], secretFields: ['url'] });
 * redactor.text('Bearer tok_1'); // 'Bearer [REDACTED]'
 */
export function createRedactor(options: RedactorOptions): Redactor {
  const secretFields = new Set(options.secretFields);
  const whole = new Set<string>();
  const secrets = new Set<string>();
  const remember = (secret: string) => {
    if (secret === '') return;
    whole.add(secret);
    if (secret.length >= MIN_SECRET_LENGTH) for (const form of encodedForms(secret)) secrets.add(form);
  };
  for (const token of [...options.tokens, ...credentialsInUrl(options.baseUrl)]) remember(token);

  const isWholeSecret = (value: string): boolean => {
    if (whole.has(value)) return true;
    try {
      return whole.has(decodeURIComponent(value.replace(/\+/g, ' ')));
    } catch {
      return false;
    }
  };

  const text = (value: string): string => {
    if (isWholeSecret(value)) return REDACTED;
    let result = value.replace(JWT, REDACTED).replace(URL_USERINFO, `$1${REDACTED}@`);
    result = result.replace(QUERY_VALUE, (match, name: string, query: string) => {
      // A URL quoted in a sentence ends with punctuation that is not part of the value.
      const value = query.replace(/[.,;:!)\]]+$/, '');
      return value !== '' && isWholeSecret(value) ? `${name}${REDACTED}${query.slice(value.length)}` : match;
    });
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  };

  const collect = (root: unknown): void => {
    const stack = [root];
    while (stack.length > 0) {
      const value = stack.pop();
      if (value === null || typeof value !== 'object') continue;
      for (const [key, child] of childrenOf(value)) {
        if (typeof key === 'string' && secretFields.has(key) && typeof child === 'string') remember(child);
        else stack.push(child);
      }
    }
  };

  const body = (value: unknown): unknown => copyJson(value, (node) => {
    if (typeof node === 'string') return { leaf: text(node) };
    if (node === null || typeof node !== 'object') return { leaf: node };
    const children = childrenOf(node).map(([key, child]): [string | number, unknown] => (typeof key === 'number'
      ? [key, child]
      : [text(key), secretFields.has(key) && child !== null && child !== undefined ? REDACTED : child]));
    return { array: Array.isArray(node), children };
  });

  const headers = (values: Readonly<Record<string, string>>): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (CREDENTIAL_HEADERS.has(name.toLowerCase())) {
        const space = value.indexOf(' ');
        result[name] = space > 0 && name.toLowerCase().endsWith('authorization') ? `${value.slice(0, space)} ${REDACTED}` : REDACTED;
      } else {
        result[text(name)] = text(value);
      }
    }
    return result;
  };

  const exchange = (record: ExchangeRecord): ExchangeRecord => ({
    request: {
      method: record.request.method,
      url: text(record.request.url),
      headers: headers(record.request.headers),
      ...(record.request.body === undefined ? {} : { body: body(record.request.body) }),
    },
    ...(record.response ? {
      response: {
        status: record.response.status,
        headers: headers(record.response.headers),
        ...(record.response.body === undefined ? {} : { body: body(record.response.body) }),
        durationMs: record.response.durationMs,
      },
    } : {}),
    ...(record.error === undefined ? {} : { error: text(record.error) }),
  });

  const optional = (value: string | undefined) => (value === undefined ? undefined : text(value));

  return {
    observe: collect,
    exchange,
    text,
    result: (result) => ({
      ...result,
      title: text(result.title),
      message: optional(result.message),
      expected: optional(result.expected),
      actual: optional(result.actual),
      exchange: result.exchange ? exchange(result.exchange) : undefined,
    }),
  };
}

/** The user, password and every query value of a URL: what `--base-url http://u:p@host/?api_key=...` carries. */
function credentialsInUrl(url: string | undefined): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return [];
  }
  const found = [...parsed.searchParams.values()];
  if (parsed.username === '' && parsed.password === '') return found;
  const user = decodeOrKeep(parsed.username);
  const password = decodeOrKeep(parsed.password);
  found.push(parsed.username, parsed.password, user, password, `${user}:${password}`);
  return found;
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
