import type { Exchange, Facts, Step } from './types.ts';

/** A named value one step keeps for later ones (`listSessions.items`); `T` is what the slot holds. */
export interface Slot<T> {
  readonly name: string;
  /** Never set: carries the type only. */
  readonly type?: T;
}

export const slot = <T>(name: string): Slot<T> => ({ name });

/** What a step keeps after its exchange: a slot, and the value to put there (undefined: nothing usable). */
export interface Keep {
  readonly slot: Slot<unknown>;
  readonly value: (exchange: Exchange, facts: Facts) => unknown;
}

export const keep = <T>(target: Slot<T>, value: (exchange: Exchange, facts: Facts) => T | undefined): Keep => ({ slot: target, value });

/** A step used a slot its spec does not declare: a bug in the planner, never the target's fault. */
export class UndeclaredSlotError extends Error {
  readonly code = 'UNDECLARED_SLOT';
}

/**
 * The values steps keep for later steps, by slot name: the only state steps share besides the records
 * (by label) and the run's path parameter values. A step reads only the slots its spec names in `reads`
 * (`scopedTo` enforces it), so the plan shows which step produces what a later one consumes.
 *
 * @example
 * const items = slot<unknown[]>('listSessions.items');
 * memory.keep(items, ['a']);
 * memory.scopedTo([items]).recall(items); // ['a']
 * memory.scopedTo([]).recall(items);      // throws UndeclaredSlotError
 */
export class RunMemory {
  private constructor(
    private readonly values: Map<string, unknown>,
    private readonly readable: ReadonlySet<string> | undefined,
  ) {}

  static create(): RunMemory {
    return new RunMemory(new Map(), undefined);
  }

  recall<T>(target: Slot<T>): T | undefined {
    if (this.readable && !this.readable.has(target.name)) {
      throw new UndeclaredSlotError(`the step reads \`${target.name}\` without declaring it in \`reads\``);
    }
    return this.values.get(target.name) as T | undefined;
  }

  keep<T>(target: Slot<T>, value: T | undefined): void {
    if (this.readable) throw new UndeclaredSlotError(`a step writes \`${target.name}\` only through its \`writes\``);
    if (value === undefined) this.values.delete(target.name);
    else this.values.set(target.name, value);
  }

  /** The same values, readable only through the given slots and not writable: what one step's functions see. */
  scopedTo(reads: readonly Slot<unknown>[]): RunMemory {
    return new RunMemory(this.values, new Set(reads.map((s) => s.name)));
  }
}

/**
 * Every slot a step reads is written by an earlier step. Checked right after planning, like the check
 * names: a planner bug stops the run before any request instead of showing up as a misleading skip.
 *
 * @example
 * assertSlotsWritten(planRun(state)); // throws UndeclaredSlotError: 'countSessions "count" reads listSessions.items, ...'
 */
export function assertSlotsWritten(steps: readonly Step[]): void {
  const written = new Set<string>();
  for (const step of steps) {
    const missing = (step.dataflow?.reads ?? []).filter((name) => !written.has(name));
    if (missing.length > 0) {
      throw new UndeclaredSlotError(`${step.subject.id} "${step.title}" reads ${missing.join(', ')}, which no earlier step writes.`);
    }
    for (const name of step.dataflow?.writes ?? []) written.add(name);
  }
}
