/** Codes let callers (CLI exit codes, tests) tell kinds of contract problems apart. */
export type ContractErrorCode = 'UNREADABLE' | 'YAML' | 'REF' | 'STRUCTURE' | 'VOCABULARY' | 'SCHEMA';

export interface ContractProblem {
  pointer: string;
  message: string;
  line?: number;
}

/** A contract that cannot be used: names the file, the JSON pointer and, where known, the line. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    readonly file: string,
    readonly problems: readonly ContractProblem[],
  ) {
    super(formatProblems(file, problems));
    this.name = 'ContractError';
  }
}

function formatProblems(file: string, problems: readonly ContractProblem[]): string {
  const lines = problems.map((p) => {
    const where = p.line === undefined ? file : `${file}:${p.line}`;
    return `${where} ${p.pointer || '/'}: ${p.message}`;
  });
  return `Failed to load contract ${file}:\n  ${lines.join('\n  ')}`;
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + segments.map((s) => `/${escapePointer(s)}`).join('');
}
