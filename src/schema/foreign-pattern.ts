import { compileSafeRegExp } from './safe-regexp.ts';

/**
 * `pattern`s written for another regex engine (PCRE, Java, Python, Ruby) that neither RE2 nor JavaScript's
 * unicode mode compiles: generators copy them from server-side validators. Where the foreign syntax has a
 * plain ECMA-262 reading it is rewritten; otherwise the pattern cannot be honoured at all.
 */
export type PatternReading =
  | { readonly kind: 'compiles' }
  | { readonly kind: 'rewritten'; readonly pattern: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Escapes of other engines outside a character class, and their ECMA-262 reading. */
const ESCAPES: Readonly<Record<string, string>> = {
  A: '^', Z: '$', z: '$', h: '[ \\t]', e: '\\x1b', R: '(?:\\r\\n|\\n|\\r)',
};
/** The same escapes inside a character class. */
const CLASS_ESCAPES: Readonly<Record<string, string>> = { h: ' \\t', e: '\\x1b' };

/**
 * How a schema's `pattern` can be read: as written, rewritten (possessive quantifiers `a++` and atomic
 * groups `(?>...)` as their greedy forms; `\A`, `\Z`, `\z`, `\h`, `\e`, `\R` spelt in ECMA-262), or not at all.
 *
 * @example
 * readPattern('^[a-z]++\\Z'); // { kind: 'rewritten', pattern: '^[a-z]+$' }
 */
export function readPattern(pattern: string): PatternReading {
  const first = compileError(pattern);
  if (first === undefined) return { kind: 'compiles' };
  const rewritten = rewriteForeignSyntax(pattern);
  if (rewritten !== pattern && compileError(rewritten) === undefined) return { kind: 'rewritten', pattern: rewritten };
  return { kind: 'unreadable', reason: first };
}

function compileError(pattern: string): string | undefined {
  try {
    compileSafeRegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** One pass over the source: escapes and character classes are kept apart from the syntax rewritten. */
function rewriteForeignSyntax(source: string): string {
  let out = '';
  let inClass = false;
  let afterQuantifier = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      out += (inClass ? CLASS_ESCAPES[next] : ESCAPES[next]) ?? `\\${next}`;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      inClass = c !== ']';
      out += c;
      continue;
    }
    if (c === '+' && afterQuantifier) {
      afterQuantifier = false; // possessive: the greedy form matches the same strings but for backtracking
      continue;
    }
    if (c === '(' && source.startsWith('(?>', i)) {
      out += '(?:';
      i += 2;
      afterQuantifier = false;
      continue;
    }
    afterQuantifier = (c === '*' || c === '+' || c === '}' || (c === '?' && source[i - 1] !== '('));
    if (c === '[') {
      inClass = true;
      // `[]...]` and `[^]...]`: a `]` first in the class is a literal.
      const literal = source[i + 1] === ']' ? 1 : source[i + 1] === '^' && source[i + 2] === ']' ? 2 : 0;
      out += source.slice(i, i + 1 + literal);
      i += literal;
      continue;
    }
    out += c;
  }
  return out;
}
