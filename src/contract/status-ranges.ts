import type { DocumentSet } from './documents.ts';
import type { ContractProblem } from './errors.ts';
import { joinPointer, objectAt } from '../shared/json-pointer.ts';

/**
 * Response ranges written in lower or mixed case (`4xx`, `5Xx`): OpenAPI spells them `4XX`, and its structure schema
 * refuses anything else, but the meaning is plain and generated documents use them. Each is read as its
 * upper-case form, with one warning per file; a range already written both ways keeps the upper-case one. Documents are
 * copied, never changed in place.
 */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Subtrees that hold data or schemas, never an operation. */
const SKIPPED = new Set(['schema', 'schemas', 'example', 'examples', 'parameters', 'requestBodies', 'headers', 'securitySchemes', 'x-harness']);
/** `4xx`, `4Xx`, `4xX`: any spelling of a range but the upper-case one. */
const LOWER_RANGE = /^[1-5](?:xx|xX|Xx)$/;

export function upperCaseStatusRanges(set: DocumentSet): { set: DocumentSet; warnings: ContractProblem[] } {
  const warnings: ContractProblem[] = [];
  const copies = new Map<string, unknown>();
  for (const source of set.files.values()) {
    const places: string[] = [];
    findRanges(source.data, '', undefined, places);
    if (places.length === 0) continue;
    const copy = structuredClone(source.data);
    const written: string[] = [];
    for (const pointer of places) {
      const responses = objectAt(copy, pointer);
      if (!responses) continue;
      const renamed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(responses)) {
        if (!LOWER_RANGE.test(key)) renamed[key] = value;
        else {
          written.push(joinPointer(pointer, key));
          if (!(key.toUpperCase() in responses)) renamed[key.toUpperCase()] = value;
        }
      }
      for (const key of Object.keys(responses)) delete responses[key];
      Object.assign(responses, renamed);
    }
    // One warning per file: a generator that writes `4xx` writes it on every operation.
    const more = written.length > 1 ? ` (and ${written.length - 1} more in this file)` : '';
    warnings.push({ pointer: written[0], line: source.lineOf(written[0]), message: `OpenAPI writes a response range in upper case ("4XX"): lower-case ranges such as "${written[0].split('/').pop()}" are read as upper-case ones${more}.`, ...(source.file === set.root.file ? {} : { file: source.file }) });
    copies.set(source.file, copy);
  }
  if (copies.size === 0) return { set, warnings };
  const files = new Map([...set.files].map(([file, source]) => [file, copies.has(file) ? { ...source, data: copies.get(file) } : source]));
  return { set: { root: files.get(set.root.file) ?? set.root, files }, warnings };
}

function findRanges(node: unknown, pointer: string, key: string | undefined, found: string[]): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  for (const [childKey, child] of Object.entries(node as Record<string, unknown>)) {
    if (SKIPPED.has(childKey) || childKey.startsWith('x-')) continue;
    const at = joinPointer(pointer, childKey);
    if (childKey === 'responses' && key !== undefined && METHODS.has(key)) {
      if (child !== null && typeof child === 'object' && Object.keys(child).some((status) => LOWER_RANGE.test(status))) found.push(at);
      continue;
    }
    findRanges(child, at, childKey, found);
  }
}
