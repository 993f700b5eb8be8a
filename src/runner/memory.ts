import type { Exchange, Facts } from './types.ts';

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
