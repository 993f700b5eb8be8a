import { isAbsolute, relative, sep } from 'node:path';
import type { RunRecord } from './collect.ts';

/** Where an operation is, as people and CI annotations want it: a path relative to `cwd` and a line. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number | undefined;
  readonly method: string;
  readonly path: string;
}

/**
 * The contract file and line of `operationId` in `run`, the file relative to `cwd` when it is inside it
 * (CI annotations and IDEs resolve paths from the workspace). `undefined` when the runner did not say.
 *
 * @example
 * locate(run, 'createSession'); // { file: 'contracts/game-sessions.yaml', line: 42, method: 'POST', path: '/sessions' }
 */
export function locate(run: RunRecord, operationId: string, cwd = process.cwd()): SourceLocation | undefined {
  const operation = run.operations.get(operationId);
  if (!operation) return undefined;
  return { file: displayPath(operation.file, cwd), line: operation.line, method: operation.method, path: operation.path };
}

/** `file:line`, or just the file when the line is unknown. */
export function formatLocation(location: SourceLocation): string {
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
}

/** `file` relative to `cwd` with `/` separators when it is inside `cwd`, otherwise as given. */
export function displayPath(file: string, cwd = process.cwd()): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const inside = relative(cwd, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return file;
  return inside.split(sep).join('/');
}
