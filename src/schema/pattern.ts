import type { Faker } from '@faker-js/faker';

type RegexNode =
  | { readonly kind: 'alternation'; readonly options: readonly RegexNode[][] }
  | { readonly kind: 'chars'; readonly chars: string }
  | { readonly kind: 'repeat'; readonly node: RegexNode; readonly min: number; readonly max: number };

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const CLASS_ESCAPES: Record<string, string> = {
  d: '0123456789',
  w: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_',
  s: ' ',
};
const parsedPatterns = new Map<string, RegexNode | null>();

/**
 * The longest string a pattern is expanded to, and the largest repetition count honoured: a pattern such
 * as `^\d{1000000000}$` or `^(a{1000}){1000}$` must not make the sampler run for minutes or fill memory.
 */
export const MAX_PATTERN_OUTPUT = 10_000;

/**
 * A string matching a regular expression: literals, escapes, character classes (also negated), groups,
 * alternation and quantifiers. Undefined for lookarounds, backreferences and word boundaries, so callers
 * fall back to other strategies. Parsed patterns are cached.
 *
 * @example
 * stringForPattern('^csn_[A-Za-z0-9]{28}$', faker); // 'csn_Xy3...'
 */
export function stringForPattern(pattern: string, faker: Faker): string | undefined {
  let node = parsedPatterns.get(pattern);
  if (node === undefined) {
    try {
      node = new RegexParser(pattern).parse();
      // A pattern whose shortest match is past the limit is not generated at all (each try would cost the limit).
      if (shortest(node) > MAX_PATTERN_OUTPUT) node = null;
    } catch {
      node = null;
    }
    parsedPatterns.set(pattern, node);
  }
  if (node === null) return undefined;
  const room = { left: MAX_PATTERN_OUTPUT };
  const text = generateRegex(node, faker, room);
  return room.left < 0 ? undefined : text;
}

/** The length of the shortest string the node generates. */
function shortest(node: RegexNode): number {
  switch (node.kind) {
    case 'chars': return 1;
    case 'alternation': return Math.min(...node.options.map((parts) => parts.reduce((sum, part) => sum + shortest(part), 0)));
    case 'repeat': return node.min * shortest(node.node);
  }
}

/** `room.left` counts the characters still allowed; below zero the expansion stopped (the result is unusable). */
function generateRegex(node: RegexNode, faker: Faker, room: { left: number }): string {
  switch (node.kind) {
    case 'chars':
      if (--room.left < 0) return '';
      return node.chars[faker.number.int({ min: 0, max: node.chars.length - 1 })];
    case 'alternation': return faker.helpers.arrayElement(node.options).map((part) => generateRegex(part, faker, room)).join('');
    case 'repeat': {
      const times = faker.number.int({ min: node.min, max: node.max });
      let text = '';
      for (let i = 0; i < times && room.left >= 0; i++) text += generateRegex(node.node, faker, room);
      return text;
    }
  }
}

class RegexParser {
  private index = 0;
  constructor(private readonly source: string) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.index < this.source.length) throw new Error('unbalanced )');
    return node;
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.source[this.index] === '|') {
      this.index++;
      options.push(this.sequence());
    }
    return { kind: 'alternation', options };
  }

  private sequence(): RegexNode[] {
    const nodes: RegexNode[] = [];
    while (this.index < this.source.length && this.source[this.index] !== '|' && this.source[this.index] !== ')') {
      const atom = this.atom();
      if (atom) nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  private atom(): RegexNode | undefined {
    const c = this.source[this.index++];
    if (c === '^' || c === '$') return undefined;
    if (c === '.') return { kind: 'chars', chars: CLASS_ESCAPES.w };
    if (c === '[') return { kind: 'chars', chars: this.characterClass() };
    if (c === '\\') return { kind: 'chars', chars: this.escape(false) };
    if (c === '(') {
      if (this.source[this.index] === '?') {
        const named = /^\?<[A-Za-z_][A-Za-z0-9_]*>/.exec(this.source.slice(this.index));
        if (this.source[this.index + 1] === ':') this.index += 2;
        else if (named) this.index += named[0].length;
        else throw new Error('lookaround');
      }
      const inner = this.alternation();
      if (this.source[this.index++] !== ')') throw new Error('unclosed (');
      return inner;
    }
    return { kind: 'chars', chars: c };
  }

  private quantified(node: RegexNode): RegexNode {
    const match = /^(?:\{(\d+)(?:(,)(\d*))?\}|\?|\*|\+)\??/.exec(this.source.slice(this.index));
    if (!match) return node;
    this.index += match[0].length;
    const symbol = match[0][0];
    if (symbol === '?') return { kind: 'repeat', node, min: 0, max: 1 };
    if (symbol === '*') return { kind: 'repeat', node, min: 0, max: 6 };
    if (symbol === '+') return { kind: 'repeat', node, min: 1, max: 6 };
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? min + 6 : Number(match[3]);
    if (max < min) throw new Error('bad quantifier');
    return { kind: 'repeat', node, min, max: Math.min(max, MAX_PATTERN_OUTPUT) };
  }

  /** Inside `[...]`, after the `[`: the characters it allows (negated classes: printable ASCII minus them). */
  private characterClass(): string {
    const negated = this.source[this.index] === '^';
    if (negated) this.index++;
    let chars = '';
    let first = true;
    while (this.index < this.source.length && (this.source[this.index] !== ']' || first)) {
      first = false;
      const c = this.source[this.index++];
      const from = c === '\\' ? this.escape(true) : c;
      if (from.length === 1 && this.source[this.index] === '-' && this.source[this.index + 1] !== ']' && this.index + 1 < this.source.length) {
        this.index++;
        const next = this.source[this.index++];
        const to = next === '\\' ? this.escape(true) : next;
        if (to.length !== 1 || to < from) throw new Error('bad range');
        for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars += String.fromCharCode(code);
      } else {
        chars += from;
      }
    }
    if (this.source[this.index++] !== ']') throw new Error('unclosed [');
    const allowed = negated ? [...PRINTABLE].filter((ch) => !chars.includes(ch)).join('') : chars;
    if (allowed.length === 0) throw new Error('empty class');
    return allowed;
  }

  /** After a backslash: the characters the escape stands for. */
  private escape(inClass: boolean): string {
    const c = this.source[this.index++];
    if (c === undefined) throw new Error('trailing backslash');
    const lower = c.toLowerCase();
    if (lower in CLASS_ESCAPES) {
      return c === lower ? CLASS_ESCAPES[lower] : [...PRINTABLE].filter((ch) => !CLASS_ESCAPES[lower].includes(ch)).join('');
    }
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'r') return '\r';
    if (c === 'u' || c === 'x') {
      const hex = (c === 'x' ? /^([0-9a-fA-F]{2})/ : /^(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/).exec(this.source.slice(this.index));
      if (!hex) throw new Error('bad escape');
      this.index += hex[0].length;
      return String.fromCodePoint(parseInt(hex[1] ?? hex[2], 16));
    }
    if (/[1-9bBpPk]/.test(c) && !(inClass && c === 'b')) throw new Error('unsupported escape');
    if (inClass && c === 'b') return '\b';
    return c;
  }
}

