import type { ResourceModel } from '../contract/model.ts';
import { isTruthy, type Data } from './values.ts';

/** `expiry`: a record disappears `after` seconds from its creation, unless the body's `unless` flag was set. */
export function expiresAt(resource: ResourceModel, body: Data, createdAt: number): number | undefined {
  const rule = resource.expiry;
  if (!rule) return undefined;
  if (rule.unless !== undefined && isTruthy(body[rule.unless])) return undefined;
  return createdAt + rule.after * 1000;
}

export function isExpired(expiresAtMs: number | undefined, now: number): boolean {
  return expiresAtMs !== undefined && expiresAtMs <= now;
}
