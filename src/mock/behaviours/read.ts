import { findRecord } from '../access.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { respond } from './respond.ts';

export function read(context: MockContext, request: MockRequest): MockResult {
  return respond(context, request, { record: findRecord(context, request) });
}
