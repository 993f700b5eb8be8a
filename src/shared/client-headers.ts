import type { OperationModel } from '../contract/model.ts';

/**
 * Header parameters a document may declare that are not the caller's to choose: credentials (the security
 * schemes place them), and what HTTP clients and browsers set on their own (`Host`, `Content-Type`,
 * `User-Agent`, `Origin`, `Sec-Fetch-*`...). The runner does not generate values for them, and the mock does
 * not refuse a request for lacking one.
 */
const CLIENT_SET = new Set([
  'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'authorization', 'connection', 'content-length',
  'content-type', 'cookie', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'proxy-authorization', 'referer',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'via',
]);

/** Whether a header parameter of `operation` is one its caller supplies (see above). */
export function isCallerHeader(operation: Pick<OperationModel, 'security'>, name: string): boolean {
  const lower = name.toLowerCase();
  if (CLIENT_SET.has(lower) || lower.startsWith('sec-') || lower.startsWith('access-control-request-')) return false;
  return !operation.security.some((alternative) => alternative.some((scheme) => scheme.in === 'header' && scheme.parameter?.toLowerCase() === lower));
}
