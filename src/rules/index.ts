/**
 * The behaviour rules of the model, one module each (see README.md): the mock, the seeder and the runner
 * ask these functions what a rule means instead of reading the model themselves.
 */
export * as etag from './etag.ts';
export * as expiry from './expiry.ts';
export * as generated from './generated.ts';
export * as membership from './membership.ts';
export * as owner from './owner.ts';
export * as setOnce from './set-once.ts';
export * as stored from './stored.ts';
export * as transient from './transient.ts';
export * as versioning from './versioning.ts';
export * as visibility from './visibility.ts';
export * as filter from './filter.ts';
export * as reference from './reference.ts';
export * as patchMedia from './patch-media.ts';
export { isEmpty, isTruthy } from './values.ts';
