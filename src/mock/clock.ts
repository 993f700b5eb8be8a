/** The mock's notion of time: real time plus an offset tests can move (e.g. past a 72-hour expiry). */
export interface MockClock {
  now(): Date;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Pins the clock to a date (subsequent time still flows from there). */
  set(date: Date): void;
}

export function createClock(): MockClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) { offset += ms; },
    set(date) { offset = date.getTime() - Date.now(); },
  };
}

/** A clock that can hold one reading for a piece of work: what a request's behaviour runs on. */
export interface RequestClock extends MockClock {
  /** Runs `work` with one reading of the clock: every `now()` inside it is the same instant. */
  atOneInstant<T>(work: () => T): T;
}

/**
 * The mock's clock as its behaviours read it. One write reads the time for its generated fields, its
 * expiry, its transient fields and its answer: read once, they are the same instant (and one clock call,
 * not four). `advance` and `set` go to the clock given, which the caller may also hold.
 */
export function requestClock(clock: MockClock): RequestClock {
  let held: Date | undefined;
  return {
    now: () => held ?? clock.now(),
    advance: (ms) => clock.advance(ms),
    set: (date) => clock.set(date),
    atOneInstant(work) {
      if (held !== undefined) return work();
      held = clock.now();
      try {
        return work();
      } finally {
        held = undefined;
      }
    },
  };
}
