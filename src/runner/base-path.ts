import type { Exchange } from './types.ts';
import { mountsNamedIn } from '../shared/mounts-notice.ts';

/**
 * A common mistake: `--base-url` given as the server's bare origin when the API lives under a path, so every
 * request misses and each check fails with a 404. Said once, as a warning that names the URL probably meant,
 * at the first 404: the verdicts stay what the answers make them.
 * - When that 404 names the mounts of the server (the harness mock serving several documents answers
 *   `Mounted: /a, /b`), the hint is the mount serving this document.
 * - Otherwise, when the document's server URL has a path the base URL lacks, that path.
 */
export class BasePathHint {
  private given = false;

  constructor(private readonly contractId: string, private readonly serverUrl: string, private readonly baseUrl: string) {}

  /** The hint for this exchange's answer, once: at the first 404 that calls for one. */
  observe(exchange: Exchange): string | undefined {
    if (this.given || exchange.response?.status !== 404) return undefined;
    const hint = mountHint(this.contractId, this.baseUrl, exchange.response.text) ?? missingBasePath(this.serverUrl, this.baseUrl);
    this.given = true;
    return hint;
  }
}

/** The document's server path the bare-origin base URL leaves out, as a hint; undefined when it does not. */
function missingBasePath(serverUrl: string, baseUrl: string): string | undefined {
  const documented = pathOf(serverUrl);
  if (documented === '') return undefined;
  // Only a bare origin: a base URL with a path of its own (the mock's `/<contract-id>`, a gateway prefix) is deliberate.
  if (pathOf(baseUrl) !== '') return undefined;
  return `The document's server URL ends in ${documented} and --base-url does not: if every request answers 404, try --base-url ${trimmed(baseUrl)}${documented}.`;
}

/** The mounts a 404 body lists (`... Mounted: /game-sessions, /trilium-etapi.`), as a hint naming the right one. */
export function mountHint(contractId: string, baseUrl: string, text: string | undefined): string | undefined {
  const mounts = mountsNamedIn(text);
  if (mounts === undefined || mounts.length === 0 || mounts.includes(pathOf(baseUrl))) return undefined;
  const origin = originOf(baseUrl);
  const own = mounts.find((mount) => mount === `/${contractId}`) ?? (mounts.length === 1 ? mounts[0] : undefined);
  if (own !== undefined) return `The target answered 404 and says it mounts ${mounts.join(', ')}: if every request answers 404, try --base-url ${origin}${own}.`;
  return `The target answered 404 and says it mounts ${mounts.join(', ')}: if every request answers 404, try --base-url ${origin}<mount> with the mount serving this document.`;
}

function trimmed(url: string): string {
  return url.split(/[?#]/)[0].replace(/\/+$/, '');
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return trimmed(url);
  }
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).replace(/\/+$/, '');
  } catch {
    return '';
  }
}
