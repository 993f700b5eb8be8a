import { CHECKS } from './checks/index.ts';
import type { Step } from './types.ts';

/** A step names a check the registry does not have: a bug in the planner, never the target's fault. */
export class UnknownCheckError extends Error {
  readonly code = 'UNKNOWN_CHECK';
}

/**
 * Checks are a closed set (`CHECKS`): every name a planned step asks for must be in it. Called right after
 * planning, so a misspelt name stops the run before any request instead of silently checking nothing.
 *
 * @example
 * assertKnownChecks(planRun(state)); // throws UnknownCheckError: 'createSession "create" asks for ...'
 */
export function assertKnownChecks(steps: readonly Step[]): void {
  for (const step of steps) {
    const unknown = step.checks.filter((name) => !Object.hasOwn(CHECKS, name));
    if (unknown.length === 0) continue;
    throw new UnknownCheckError(
      `${step.subject.id} "${step.title}" asks for the unknown check ${unknown.map((name) => `"${name}"`).join(', ')}; known: ${Object.keys(CHECKS).join(', ')}.`,
    );
  }
}
