/** Codes let callers (CLI exit codes, tests) tell kinds of contract problems apart. */
export type ContractErrorCode = 'UNREADABLE' | 'YAML' | 'REF' | 'STRUCTURE' | 'VOCABULARY' | 'SCHEMA';

/**
 * What kind of problem or warning a ContractProblem is, for the callers that act on one kind: they match on
 * this, never on the message's wording. Problems of other kinds carry none.
 */
export type ContractProblemCode = 'structure' | 'vocabulary' | 'broken-parameter-default';

export interface ContractProblem {
  pointer: string;
  message: string;
  code?: ContractProblemCode;
  line?: number;
  /** The file the pointer is in, when it is not the contract's own file (a `$ref`'d file). */
  file?: string;
}

/** A contract that cannot be used: names the file, the JSON pointer and, where known, the line. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    readonly file: string,
    readonly problems: readonly ContractProblem[],
    /** Warnings found on the way, so that `lint` can report everything in one pass. */
    readonly warnings: readonly ContractProblem[] = [],
  ) {
    super(formatProblems(file, problems));
    this.name = 'ContractError';
  }
}

/** `file:line /pointer: message`, the form every contract message takes. */
export function formatProblem(file: string, problem: ContractProblem): string {
  const name = problem.file ?? file;
  const where = problem.line === undefined ? name : `${name}:${problem.line}`;
  return `${where} ${problem.pointer || '/'}: ${problem.message}`;
}

function formatProblems(file: string, problems: readonly ContractProblem[]): string {
  return `Failed to load contract ${file}:\n  ${problems.map((p) => formatProblem(file, p)).join('\n  ')}`;
}

/** JSON pointers are the shared module's: re-exported where contract code has always found them. */
export { escapePointer, joinPointer, unescapePointer } from '../shared/json-pointer.ts';
