import type { HeaderModel } from '../../../src/contract/model.ts';
import { mutateAgainst, type BodyMutation } from './mutate-json.ts';
import { isJson, jsonBody, responseFor, route, schemaRejects, succeeded, type MutationTarget } from './mutation-target.ts';
import { withJson, type Defect } from './proxy.ts';

/**
 * Defect classes that break what a server answers (status, headers, body), each generic over any document.
 * `hit` is called every time the defect is applied: a class never applied does not apply to the document.
 */
export type BuildDefect = (target: MutationTarget, hit: () => void) => Defect;

/** A documented 201 answered as 200 (where 200 is not documented as well). */
export const created200: BuildDefect = (target, hit) => ({
  response(request, response) {
    const routed = route(target, request);
    if (!routed || response.status !== 201 || routed.operation.responses.has('200')) return undefined;
    hit();
    return { ...response, status: 200 };
  },
});

/** A read that should succeed answers 500. */
export const read500: BuildDefect = (target, hit) => ({
  response(request, response) {
    const routed = route(target, request);
    if (routed?.operation.behaviour.kind !== 'read' || !succeeded(response)) return undefined;
    hit();
    return withJson({ ...response, status: 500, headers: { ...response.headers, 'content-type': 'application/json' } }, { error: 'internal error' });
  },
});

/** An unknown record answers 500 instead of its documented 404. */
export const notFound500: BuildDefect = (target, hit) => ({
  response(request, response) {
    if (!route(target, request) || response.status !== 404) return undefined;
    hit();
    return { ...response, status: 500 };
  },
});

/** A success body broken in a way its documented schema rejects. */
function bodyDefect(kind: BodyMutation): BuildDefect {
  return (target, hit) => ({
    response(request, response) {
      const routed = route(target, request);
      const body = jsonBody(response);
      if (!routed || !succeeded(response) || body === undefined) return undefined;
      const validate = responseFor(routed.operation, response.status)?.validate;
      if (!validate) return undefined;
      const broken = mutateAgainst(body, kind, (candidate) => schemaRejects(validate, candidate));
      if (broken === undefined) return undefined;
      hit();
      return withJson(response, broken);
    },
  });
}

export const missingRequired = bodyDefect('missing');
export const wrongType = bodyDefect('wrongType');
export const extraField = bodyDefect('extra');

/** JSON answered with `text/html`. */
export const wrongContentType: BuildDefect = (target, hit) => ({
  response(request, response) {
    const routed = route(target, request);
    if (!routed || !isJson(response) || !responseFor(routed.operation, response.status)?.mediaTypes.length) return undefined;
    hit();
    return { ...response, headers: { ...response.headers, 'content-type': 'text/html; charset=utf-8' } };
  },
});

const NOT_THE_ERROR_SHAPE: readonly unknown[] = [{ harnessUnexpected: 'broken' }, 'broken', [], {}];

/** Error bodies (4xx) that are not the documented error shape. */
export const errorShape: BuildDefect = (target, hit) => ({
  response(request, response) {
    const routed = route(target, request);
    if (!routed || response.status < 400 || response.status >= 500) return undefined;
    const validate = responseFor(routed.operation, response.status)?.validate;
    const broken = NOT_THE_ERROR_SHAPE.find((candidate) => schemaRejects(validate, candidate));
    if (broken === undefined) return undefined;
    hit();
    return withJson({ ...response, headers: { ...response.headers, 'content-type': 'application/json' } }, broken);
  },
});

/** Documented response headers changed by `change` (undefined: left out); applied when one changed. */
function headerDefect(change: (header: HeaderModel, value: string) => string | undefined | false): BuildDefect {
  return (target, hit) => ({
    response(request, response) {
      const routed = route(target, request);
      if (!routed) return undefined;
      const headers = { ...response.headers };
      let broken = false;
      for (const header of responseFor(routed.operation, response.status)?.headers ?? []) {
        const value = headers[header.name];
        const changed = value === undefined ? false : change(header, value);
        if (changed === false) continue;
        if (changed === undefined) delete headers[header.name];
        else headers[header.name] = changed;
        broken = true;
      }
      if (!broken) return undefined;
      hit();
      return { ...response, headers };
    },
  });
}

const INVALID_HEADER = '%%not valid%%';

/** A required response header left out. */
export const headerMissing = headerDefect((header) => (header.required ? undefined : false));

/** A documented response header (required or not) sent with a value its schema rejects. */
export const headerInvalid = headerDefect((header) => (header.validate && !header.validate(INVALID_HEADER) ? INVALID_HEADER : false));
