import type { Faker } from '@faker-js/faker';

const DIGITS = '0123456789';
const WORD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
const SPACE = ' ';

interface Atom { chars: string; min: number; max: number }

/**
 * A string matching a simple regular expression: literals, escapes (\d \w \s), character classes with
 * ranges, and quantifiers ({n}, {n,m}, ?, *, +). Returns undefined for anything richer (groups,
 * alternation, lookarounds), so callers can fall back to other strategies.
 *
 * @example
 * stringForPattern('^csn_[A-Za-z0-9]{28}$', faker); // 'csn_Xy3...'
 */
export function stringForPattern(pattern: string, faker: Faker): string | undefined {
  const atoms = parseAtoms(pattern.replace(/^\^/, '').replace(/\$$/, ''));
  if (!atoms) return undefined;
  let result = '';
  for (const atom of atoms) {
    const count = faker.number.int({ min: atom.min, max: atom.max });
    for (let i = 0; i < count; i++) result += atom.chars[faker.number.int({ min: 0, max: atom.chars.length - 1 })];
  }
  return result;
}

function parseAtoms(source: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let i = 0;
  while (i < source.length) {
    let chars: string;
    const c = source[i];
    if ('()|'.includes(c) || (c === '^' || c === '$')) return undefined;
    if (c === '\\') {
      chars = escapeClass(source[i + 1]);
      i += 2;
    } else if (c === '[') {
      const end = source.indexOf(']', i + 1);
      if (end < 0 || source[i + 1] === '^') return undefined;
      chars = expandClass(source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '.') {
      chars = WORD;
      i += 1;
    } else {
      chars = c;
      i += 1;
    }
    let min = 1;
    let max = 1;
    const quantifier = /^(\{(\d+)(,(\d*))?\}|\?|\*|\+)/.exec(source.slice(i));
    if (quantifier) {
      i += quantifier[0].length;
      if (quantifier[0] === '?') [min, max] = [0, 1];
      else if (quantifier[0] === '*') [min, max] = [0, 8];
      else if (quantifier[0] === '+') [min, max] = [1, 8];
      else {
        min = Number(quantifier[2]);
        max = quantifier[3] === undefined ? min : quantifier[4] === '' ? min + 8 : Number(quantifier[4]);
      }
    }
    if (chars.length === 0) return undefined;
    atoms.push({ chars, min, max });
  }
  return atoms;
}

function escapeClass(c: string | undefined): string {
  if (c === 'd') return DIGITS;
  if (c === 'w') return WORD;
  if (c === 's') return SPACE;
  return c ?? '';
}

function expandClass(body: string): string {
  let chars = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      chars += escapeClass(body[i + 1]);
      i++;
    } else if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let code = body.charCodeAt(i); code <= body.charCodeAt(i + 2); code++) chars += String.fromCharCode(code);
      i += 2;
    } else {
      chars += body[i];
    }
  }
  return chars;
}
