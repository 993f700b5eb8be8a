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
