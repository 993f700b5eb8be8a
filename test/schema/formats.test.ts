import { describe, expect, it } from 'vitest';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isUri } from '../../src/schema/formats.ts';
import { createStandaloneCompiler } from '../../src/schema/compiler.ts';
import { createRandom } from '../../src/template/random.ts';

const fullUri = fullFormats.uri as (text: string) => boolean;

/** Strings near URLs: built from their parts, with characters that are allowed in some parts and not in others. */
function uriLikeStrings(count: number): string[] {
  const random = createRandom(14);
  const pick = <T>(items: readonly T[]): T => items[random.int(items.length)];
  const schemes = ['http', 'https', 'HTTPS', 'ftp', 'h', 'http+x', '1http', '', 'mailto', 'urn'];
  const separators = ['://', ':/', ':', '//', ':///', '', '://user:pw@', '://@'];
  const hosts = ['example.com', 'a', 'EXAMPLE.org', '127.0.0.1', '[::1]', '[v1.x]', 'ex ample.com', 'ex%41mple.com', 'ex%4', 'xn--bcher-kva.example', 'a_b~c', 'a!b', '', 'host:80', 'host:', 'host:8a', 'ä.com'];
  const chars = "abcXYZ019-._~!$&'()*+,;=:@/?#%[] \"<>\\^`{|}é\t\n";
  const tail = () => {
    let text = '';
    const length = random.int(12);
    for (let i = 0; i < length; i++) text += chars[random.int(chars.length)];
    return text;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = pick(['', '/', '/a/b', '/a//b', '/%20', '/a?', '/a?b=c&d=/e?', '#frag', '/a#f#g', '?q', '/' + tail(), tail()]);
    out.push(`${pick(schemes)}${pick(separators)}${pick(hosts)}${path}`);
  }
  return out;
}

describe('format uri', () => {
  it("answers as ajv-formats' full check on strings near URLs and on edge cases", () => {
    const edge = ['https://example.com', 'http://a.b/c?d#e', 'https://example.com:', 'https://example.com:8080/x', 'https://x.y/\n', 'https://x.y/ ', 'HTTP://X.Y', 'https:/x', 'https://', 'http://-', 'https://x.y/%zz', 'https://x.y/"', 'urn:isbn:0451450523', '', 'x'];
    const strings = [...edge, ...uriLikeStrings(20_000)];
    let accepted = 0;
    for (const text of strings) {
      const expected = fullUri(text);
      expect(isUri(text), text).toBe(expected);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(strings.length - 2_000);
  });

  it('is the check compiled schemas use', () => {
    const validate = createStandaloneCompiler().compile({ type: 'string', format: 'uri' });
    expect([validate('https://example.com/a'), validate('mailto:a@b.c'), validate('not a uri'), validate('https://exa mple.com')]).toEqual([true, true, false, false]);
  });
});
