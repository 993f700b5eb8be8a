/**
 * Statuses HTTP gives no body (RFC 9110: 1xx, 204, 205, 304): a document that gives one content there
 * contradicts HTTP, and a server answering it without a body is right. The mock, the Fetch adapter and the
 * runner's body checks all ask here.
 */
export const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

export function hasNullBody(status: number): boolean {
  return NULL_BODY_STATUSES.has(status);
}

/**
 * A method whose answers never carry a body, whatever content the document gives them: HEAD (RFC 9110
 * §9.3.2: the headers a GET would have, not its content). Not a contradiction in the document, unlike a
 * null-body status: the content describes what the matching GET would send.
 */
export function isBodilessAnswerMethod(method: string): boolean {
  return method.toUpperCase() === 'HEAD';
}
