import type { RequestUrl } from './incoming.ts';
import type { OperationModel } from '../contract/model.ts';
import { routedPath } from '../shared/path-key.ts';

/** Where a contract's paths are mounted: a path prefix on any origin (`/game-sessions`) or an absolute URL. */
export interface MountPoint {
  /** Lower-cased origin to match, or undefined for any origin. */
  readonly origin: string | undefined;
  /** Path prefix without a trailing slash ('' for the root). */
  readonly prefix: string;
}

export function parseMountPoint(base: string): MountPoint {
  if (base.startsWith('/') || base === '') return { origin: undefined, prefix: trimSlash(base) };
  const url = new URL(base);
  return { origin: url.origin.toLowerCase(), prefix: trimSlash(url.pathname) };
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

export interface CompiledRoute {
  readonly operation: OperationModel;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** The `/` in the operation's path: a path it matches has as many, or one more (a trailing `/`). */
  readonly slashes: number;
}

/** `/sessions/{id}/join` -> /^\/sessions\/([^/]+)\/join\/?$/ with names ['id']. */
export function compileRoute(operation: OperationModel): CompiledRoute {
  const names: string[] = [];
  const path = routedPath(operation.path);
  const source = path.split('/').map((segment) => segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
    if (name === undefined) return literalPattern(part);
    names.push(name);
    return '([^/]+)';
  })).join('/');
  return { operation, pattern: new RegExp(`^${source}/?$`), names, slashes: slashesIn(path) };
}

/**
 * A literal part of a path as it arrives: a character a URL percent-encodes (`é`, a space) matches as
 * written or encoded, in either case of hex digits (`/café` matches `/caf%C3%A9` and `/caf%c3%a9`).
 */
function literalPattern(part: string): string {
  let source = '';
  for (const char of part) {
    const escaped = char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const encoded = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/.test(char) ? char : encodeURIComponent(char);
    source += encoded === char ? escaped : `(?:${escaped}|${encoded.replace(/[0-9A-F]{2}/g, (hex) => `[${hex[0]}${hex[0].toLowerCase()}][${hex[1]}${hex[1].toLowerCase()}]`)})`;
  }
  return source;
}

/** How many `/` a path holds: routes whose count cannot fit are not tried (no regex run). */
export function slashesIn(path: string): number {
  let count = 0;
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) count++;
  return count;
}

/** The path below the mount point, or undefined when the URL is not under it. `//` collapses to `/`. */
export function relativePath(mount: MountPoint, url: RequestUrl): string | undefined {
  if (mount.origin !== undefined && url.origin.toLowerCase() !== mount.origin) return undefined;
  const path = url.pathname.includes('//') ? url.pathname.replace(/\/{2,}/g, '/') : url.pathname;
  if (mount.prefix === '') return path;
  if (!path.startsWith(mount.prefix)) return undefined;
  const rest = path.slice(mount.prefix.length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : undefined;
}

export function matchRoute(route: CompiledRoute, path: string, slashes = slashesIn(path)): Record<string, string> | undefined {
  if (slashes !== route.slashes && slashes !== route.slashes + 1) return undefined;
  const match = route.pattern.exec(path);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const names = route.names;
  for (let i = 0; i < names.length; i++) params[names[i]] = match[i + 1];
  return params;
}
