import type { OperationKind } from '../../contract/vocabulary.ts';
import type { MockContext, MockRequest, MockResult } from '../context.ts';
import { action } from './action.ts';
import { create } from './create.ts';
import { remove } from './delete.ts';
import { count, list } from './list.ts';
import { read } from './read.ts';
import { readSection, writeSection } from './section.ts';
import { truncate } from './truncate.ts';
import { update } from './update.ts';
import { serveStatic } from './static.ts';

export type Behaviour = (context: MockContext, request: MockRequest) => MockResult;

/** One behaviour per operation kind of the vocabulary (contracts/README.md). */
export const BEHAVIOURS: Readonly<Record<OperationKind, Behaviour>> = {
  create, read, update, replace: update, delete: remove, list, count, truncate, action, readSection, writeSection, static: serveStatic,
};
