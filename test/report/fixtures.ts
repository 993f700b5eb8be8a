import { Writable } from 'node:stream';
import type { CheckResult, RunEvent, RunSummary } from '../../src/runner/events.ts';

/** A message with every character XML has to escape. */
export const NASTY_MESSAGE = 'body had <b>"name"</b> & \'teams\' > 4';

export const checks: CheckResult[] = [
  {
    id: 'createSession/status_code_conformance#1',
    operationId: 'createSession',
    check: 'status_code_conformance',
    title: 'create -> 201 with a valid body',
    status: 'pass',
    durationMs: 12,
  },
  {
    id: 'createSession/invalid_body#1',
    operationId: 'createSession',
    check: 'invalid_body_rejected',
    title: 'create with numTeams as a string -> 400',
    status: 'fail',
    message: NASTY_MESSAGE,
    expected: '400 with the error shape',
    actual: '201',
    pointer: '/numTeams',
    exchange: {
      request: {
        method: 'POST',
        url: 'http://127.0.0.1:4010/game-sessions/sessions',
        headers: { authorization: '[redacted]', 'content-type': 'application/json' },
        body: { name: 'Friday night', numTeams: 'two', notes: 'x'.repeat(2000) },
      },
      response: { status: 201, headers: {}, body: { id: 's1' }, durationMs: 8 },
    },
    durationMs: 9,
  },
  {
    id: 'getSession/status_code_conformance#1',
    operationId: 'getSession',
    check: 'status_code_conformance',
    title: 'read -> 200',
    status: 'pass',
    durationMs: 5,
  },
  {
    id: 'createSession/header_conformance#1',
    operationId: 'createSession',
    check: 'header_conformance',
    title: 'create sets Location',
    status: 'warn',
    message: 'Location header missing (x-inferred)',
    durationMs: 1,
  },
  {
    id: 'deleteSession/destructive#1',
    operationId: 'deleteSession',
    check: 'destructive_operation',
    title: 'delete -> 204',
    status: 'skip',
    message: 'destructive; pass --allow-destructive',
    durationMs: 0,
  },
];

export const summary: RunSummary = {
  contractId: 'game-sessions',
  contractTitle: 'Game Sessions API',
  baseUrl: 'http://127.0.0.1:4010/game-sessions',
  startedAt: '2025-03-01T10:00:00.000Z',
  durationMs: 4210,
  counts: { pass: 2, fail: 1, warn: 1, skip: 1 },
  coverage: {
    operations: { exercised: 9, total: 9, missing: [] },
    statuses: { exercised: 31, total: 34, missing: ['getSession 403', 'updateSession 409', 'deleteSession 404'] },
  },
  exitCode: 1,
};

export function runEvents(overrides: Partial<RunSummary> = {}, results: CheckResult[] = checks): RunEvent[] {
  const done: RunSummary = { ...summary, ...overrides };
  return [
    { type: 'started', contractId: done.contractId, contractTitle: done.contractTitle, baseUrl: done.baseUrl, planned: results.length },
    ...results.map((result): RunEvent => ({ type: 'check', result })),
    { type: 'done', summary: done },
  ];
}

/** A writable that keeps what is written; `tty` makes it look like a terminal. */
export class MemoryStream extends Writable {
  text = '';
  isTTY: boolean;
  columns = 100;

  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}
