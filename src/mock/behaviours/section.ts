import { renderTemplate } from '../../template/render.ts';
import { assertMayModify, findRecord } from '../access.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import { respond } from './respond.ts';
import { touchRecord } from '../store.ts';

/** Sections are sub-documents of a record (`common`, `data`...), read and written whole. */
export function readSection(context: MockContext, request: MockRequest): MockResult {
  const record = findRecord(context, request);
  const name = sectionName(context, request);
  // Own keys only: a section named `constructor` or `toString` was never written, whatever objects inherit.
  const value = Object.hasOwn(record.sections, name) ? record.sections[name] : renderTemplate(request.operation.behaviour.sectionDefault, templateContext(context, requestVars(request)));
  return respond(context, request, { record, section: structuredClone(value) });
}

export function writeSection(context: MockContext, request: MockRequest): MockResult {
  const record = findRecord(context, request);
  assertMayModify(request, record);
  const name = sectionName(context, request);
  // Defined, not assigned: a section named `__proto__` is a key like any other, not the object's prototype.
  Object.defineProperty(record.sections, name, { value: structuredClone(request.body ?? {}), writable: true, enumerable: true, configurable: true });
  touchRecord(record);
  return respond(context, request, { record, section: record.sections[name] });
}

function sectionName(context: MockContext, request: MockRequest): string {
  return String(renderTemplate(request.operation.behaviour.section, templateContext(context, requestVars(request))));
}
