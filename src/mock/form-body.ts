/**
 * Form bodies as objects: `application/x-www-form-urlencoded` and `multipart/form-data` (through the Fetch
 * API's own parser, in Node and in the browser). A repeated name becomes an array; a file part becomes its
 * file name (what a schema of `format: binary` can check). Values stay text: the operation's form validator
 * coerces them to the schema's types.
 */
export async function parseFormBody(mediaType: string, contentType: string, bytes: Uint8Array): Promise<Record<string, unknown>> {
  if (mediaType === 'application/x-www-form-urlencoded') return parseUrlEncoded(bytes);
  const entries: [string, string][] = [];
  const form = await new Response(bytes as unknown as BodyInit, { headers: { 'content-type': contentType } }).formData();
  form.forEach((value, name) => entries.push([name, typeof value === 'string' ? value : (value as File).name || 'file']));
  return collect(entries);
}

/** `a=1&b=2&b=3` -> `{a: '1', b: ['2', '3']}` (synchronous: no multipart). */
export function parseUrlEncoded(bytes: Uint8Array): Record<string, unknown> {
  return collect([...new URLSearchParams(new TextDecoder('utf-8', { fatal: true }).decode(bytes))]);
}

function collect(entries: readonly [string, string][]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const key = name.endsWith('[]') ? name.slice(0, -2) : name;
    if (key in result) result[key] = Array.isArray(result[key]) ? [...(result[key] as unknown[]), value] : [result[key], value];
    else result[key] = name.endsWith('[]') ? [value] : value;
  }
  return result;
}

export function isFormMediaType(mediaType: string): boolean {
  return mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data';
}
