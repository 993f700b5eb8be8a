/** What a client asked for with `Prefer: status=503, delay=200` (Prism's `code=` is understood too). */
export interface Preferences {
  readonly status: number | undefined;
  readonly delayMs: number | undefined;
  /** `Prefer: example=<name>`: which documented example a stateless answer uses. */
  readonly example?: string;
}

const MAX_DELAY_MS = 60_000;

export function parsePrefer(header: string | null): Preferences {
  if (!header) return { status: undefined, delayMs: undefined };
  let status: number | undefined;
  let delayMs: number | undefined;
  let example: string | undefined;
  for (const part of header.split(/[,;]/)) {
    const [rawName, ...rest] = part.split('=');
    if (rawName.trim().toLowerCase() === 'example' && rest.length > 0) example = rest.join('=').trim().replace(/^"|"$/g, '');
    const [name, raw] = part.split('=').map((s) => s.trim().toLowerCase());
    const value = Number(raw);
    if (!Number.isInteger(value)) continue;
    if ((name === 'status' || name === 'code') && value >= 100 && value <= 599) status = value;
    if (name === 'delay' && value >= 0) delayMs = Math.min(value, MAX_DELAY_MS);
  }
  return { status, delayMs, ...(example === undefined ? {} : { example }) };
}
