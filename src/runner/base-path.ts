/**
 * A common mistake: `--base-url` given as the server's bare origin when the document's server URL has a path
 * (`https://api.example.com/v71`), so every request misses and each check fails with a 404. Said once, as a
 * warning that names the URL probably meant; the verdicts stay what the answers make them.
 */
export function missingBasePath(serverUrl: string, baseUrl: string): string | undefined {
  const documented = pathOf(serverUrl);
  if (documented === '') return undefined;
  // Only a bare origin: a base URL with a path of its own (the mock's `/<contract-id>`, a gateway prefix) is deliberate.
  if (pathOf(baseUrl) !== '') return undefined;
  const base = baseUrl.split(/[?#]/)[0].replace(/\/+$/, '');
  return `The document's server URL ends in ${documented} and --base-url does not: if every request answers 404, try --base-url ${base}${documented}.`;
}

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).replace(/\/+$/, '');
  } catch {
    return '';
  }
}
