import { renderTemplate } from '../../template/render.ts';
import { assertMayModify, findRecord } from '../access.ts';
import { requestVars, templateContext, type MockContext, type MockRequest, type MockResult } from '../context.ts';
import { respond } from './respond.ts';

/** Sections are sub-documents of a record (`common`, `data`...), read and written whole. */
export function readSection(context: MockContext, request: MockRequest): MockResult {
  const record = findRecord(context, request);
  const name = sectionName(context, request);
  const value = name in record.sections ? record.sections[name] : renderTemplate(request.operation.behaviour.sectionDefault, templateContext(context, requestVars(request)));
  return respond(context, request, { record, section: structuredClone(value) });
}

export function writeSection(context: MockContext, request: MockRequest): MockResult {
  const record = findRecord(context, request);
  assertMayModify(request, record);
  const name = sectionName(context, request);
  record.sections[name] = structuredClone(request.body ?? {});
  return respond(context, request, { record, section: record.sections[name] });
}

function sectionName(context: MockContext, request: MockRequest): string {
  return String(renderTemplate(request.operation.behaviour.section, templateContext(context, requestVars(request))));
}
