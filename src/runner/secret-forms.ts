/** A substring of an encoding shorter than this could match by chance: not worth blanking. */
const MIN_ENCODED_CHARS = 8;

/**
 * The forms in which a secret may show up in a report besides itself: URL-encoded, and base64 or
 * base64url. Base64 of a longer text containing the secret (`user:token`, a JSON blob) is matched by the
 * part of the encoding that only the secret's bytes determine, for each of its three possible alignments.
 *
 * @example
 * encodedForms('sk_live_123456'); // ['sk_live_123456', 'c2tfbGl2ZV8xMjM0NTY', ...]
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    forms.add(encodeURIComponent(secret));
  } catch { /* lone surrogates */ }
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const base64 = padded.toString('base64').replace(/=+$/, '');
    // Characters made only of the secret's bytes: skip the group holding padding, and a partial last group.
    const start = offset === 0 ? 0 : 4;
    const end = padded.length % 3 === 0 ? base64.length : Math.floor(padded.length / 3) * 4;
    const stable = base64.slice(start, end);
    const full = offset === 0 ? base64 : stable;
    for (const form of [full, stable]) {
      if (form.length < MIN_ENCODED_CHARS) continue;
      forms.add(form);
      forms.add(form.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}
