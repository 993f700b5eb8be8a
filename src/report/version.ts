import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The harness's version, from its package.json (read once); `0.0.0` if it cannot be read. */
export function harnessVersion(): string {
  if (cached === undefined) {
    try {
      const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
      const version = (JSON.parse(text) as { version?: unknown }).version;
      cached = typeof version === 'string' ? version : '0.0.0';
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
