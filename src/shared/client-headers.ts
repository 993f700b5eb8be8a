import type { OperationModel } from '../contract/model.ts';

/**
 * Header parameters a document may declare that are not the caller's to choose: those OpenAPI says to
 * ignore (Accept, Content-Type, Authorization), and those HTTP clients, browsers, caches and proxies set on
 * their own (a page's `Accept-Language`, a cached `If-None-Match`, `Sec-Fetch-*`). The mock neither
 * validates nor demands them, and the runner does not generate values for them.
 */
const CLIENT_SET = /^(accept(-[\w-]+)?|content-(type|length|encoding)|authorization|proxy-authorization|user-agent|referer|origin|host|connection|keep-alive|cookie|cache-control|pragma|dnt|te|trailer|transfer-encoding|expect|upgrade(-[\w-]+)?|if-[\w-]+|range|sec-[\w-]+|access-control-request-[\w-]+|x-forwarded-[\w-]+|forwarded|via|priority)$/i;

export function isClientSetHeader(name: string): boolean {
  return CLIENT_SET.test(name);
}

/** Whether a header parameter of `operation` is the caller's to send: not client-set, and no credential a security scheme places. */
export function isCallerHeader(operation: Pick<OperationModel, 'security'>, name: string): boolean {
  if (isClientSetHeader(name)) return false;
  const lower = name.toLowerCase();
  return !operation.security.some((alternative) => alternative.some((scheme) => scheme.in === 'header' && scheme.parameter?.toLowerCase() === lower));
}

/** Whether a header or cookie parameter of `operation` is the caller's to send (cookies: none a security scheme places). */
export function isCallerParameter(operation: Pick<OperationModel, 'security'>, parameter: { readonly in: string; readonly name: string }): boolean {
  if (parameter.in === 'header') return isCallerHeader(operation, parameter.name);
  return !operation.security.some((alternative) => alternative.some((scheme) => scheme.in === parameter.in && scheme.parameter === parameter.name));
}
