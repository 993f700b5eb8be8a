import type { CheckResult } from '../runner/events.ts';

/** One kind of warning (the same check, title and message but for the operation it names) and how often it came. */
export interface WarningKind {
  readonly first: CheckResult;
  count: number;
}

/**
 * Groups a run's warnings by kind, in the order they arrive: a document that leaves out, say, status 401
 * everywhere gives the same warning for every operation, and a reader needs it once, with a count.
 * Operation ids seen so far are taken out of the message, so "A does not document 401" and
 * "B does not document 401" are one kind.
 */
export class RepeatedWarnings {
  private readonly operations = new Set<string>();
  private readonly kinds = new Map<string, WarningKind>();

  /** Records a result; true when it is a warning of a kind seen before (its details need not be shown again). */
  add(result: CheckResult): boolean {
    this.operations.add(result.operationId);
    if (result.status !== 'warn') return false;
    const key = `${result.check}\u0000${result.title}\u0000${this.generalized(result.message ?? '')}`;
    const kind = this.kinds.get(key);
    if (kind) {
      kind.count += 1;
      return true;
    }
    this.kinds.set(key, { first: result, count: 1 });
    return false;
  }

  /** The kinds that came more than once, most frequent first. */
  repeated(): WarningKind[] {
    return [...this.kinds.values()].filter((kind) => kind.count > 1).sort((a, b) => b.count - a.count);
  }

  private generalized(message: string): string {
    let text = message;
    for (const operation of this.operations) {
      if (operation !== '' && text.includes(operation)) text = text.split(operation).join('\u0001');
    }
    return text;
  }
}

/** The repeated warnings of a list of results, in order. */
export function repeatedWarnings(results: Iterable<CheckResult>): WarningKind[] {
  const warnings = new RepeatedWarnings();
  for (const result of results) warnings.add(result);
  return warnings.repeated();
}
