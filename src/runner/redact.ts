import type { CheckResult, ExchangeRecord } from './events.ts';

export const REDACTED = '[REDACTED]';

/** Three base64url segments starting with an encoded JSON object: a JWT wherever it appears. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key']);
/** Shorter values are not scrubbed from free text: they would blank out ordinary words. */
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
  /** Credentials given or generated for the run. */
  readonly tokens: readonly string[];
  /** Field names whose values are secret (`resource.secret` of every resource). */
  readonly secretFields: readonly string[];
}

/**
 * Removes credentials and secret fields before anything becomes an event: Authorization values keep only
 * their scheme, secret fields become `[REDACTED]` wherever they appear in a body, and known secret values
 * and anything shaped like a JWT are scrubbed from every other string (URLs, messages).
 *
 * @example
 * const redactor = createRedactor({ tokens: ['tok_1'], secretFields: ['url'] });
 * redactor.text('Bearer tok_1'); // 'Bearer [REDACTED]'
 */
export function createRedactor(options: RedactorOptions): Redactor {
  const secretFields = new Set(options.secretFields);
  const secrets = new Set(options.tokens.filter((t) => t.length >= MIN_SECRET_LENGTH));

  const text = (value: string): string => {
    let result = value.replace(JWT, REDACTED);
    for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  };

  const collect = (value: unknown, depth = 0): void => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (secretFields.has(key) && typeof child === 'string' && child.length >= MIN_SECRET_LENGTH) {
        secrets.add(child);
        try {
          // The URL-encoded form may show up in other URLs.
          secrets.add(encodeURIComponent(child));
        } catch { /* lone surrogates */ }
      }
      collect(child, depth + 1);
    }
  };

  const body = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return text(value);
    if (value === null || typeof value !== 'object' || depth > 64) return value;
    if (Array.isArray(value)) return value.map((item) => body(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      result[key] = secretFields.has(key) && child !== null && child !== undefined ? REDACTED : body(child, depth + 1);
    }
    return result;
  };

  const headers = (values: Readonly<Record<string, string>>): Record<string, string> => {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (CREDENTIAL_HEADERS.has(name.toLowerCase())) {
        const space = value.indexOf(' ');
        result[name] = space > 0 && name.toLowerCase().endsWith('authorization') ? `${value.slice(0, space)} ${REDACTED}` : REDACTED;
      } else {
        result[name] = text(value);
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
    observe: (value) => collect(value),
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
