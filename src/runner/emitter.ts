import type { CheckResult, CheckStatus, RunEvent } from './events.ts';
import type { Redactor } from './redact.ts';
import { toExchangeRecord } from './transport.ts';
import type { Exchange, Finding } from './types.ts';

/** Findings one check reports for one exchange; the rest are summed up in the last. */
const MAX_FINDINGS_PER_CHECK = 10;

/** Turns findings into redacted check events with stable ids, and counts them. */
export class RunEmitter {
  readonly counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  private readonly sequence = new Map<string, number>();
  private readonly exchangeIndexes = new WeakMap<Exchange, number>();
  private exchangeCount = 0;

  constructor(private readonly emit: (event: RunEvent) => void, private readonly redactor: Redactor) {}

  observe(exchange: Exchange): void {
    this.redactor.observe(exchange.requestBody);
    this.redactor.observe(exchange.response?.body);
  }

  /** `excerpt` gives, for a failing finding's pointer, the part of the schema it broke (schema checks only). */
  results(
    operationId: string, check: string, title: string, findings: readonly Finding[], exchange: Exchange,
    excerpt?: (pointer: string | undefined) => string | undefined,
  ): void {
    const durationMs = exchange.result.durationMs;
    const exchangeIndex = this.indexOf(exchange);
    const record = toExchangeRecord(exchange);
    if (findings.length === 0) {
      this.push({ id: this.nextId(operationId, check), operationId, check, title, status: 'pass', exchangeIndex, durationMs });
      return;
    }
    const shown = findings.slice(0, MAX_FINDINGS_PER_CHECK);
    shown.forEach((finding, index) => {
      const more = index === shown.length - 1 && findings.length > shown.length ? ` (${findings.length - shown.length} more like it)` : '';
      const status: CheckStatus = finding.skip ? 'skip' : finding.inferred ? 'warn' : 'fail';
      this.push({
        id: this.nextId(operationId, check),
        operationId,
        check,
        title,
        status,
        message: finding.message + more,
        ...(finding.expected === undefined ? {} : { expected: finding.expected }),
        ...(finding.actual === undefined ? {} : { actual: finding.actual }),
        ...(finding.pointer === undefined ? {} : { pointer: finding.pointer }),
        ...(status === 'skip' ? {} : { schemaExcerpt: excerpt?.(finding.pointer) }),
        ...(status === 'skip' ? {} : { exchange: record }),
        exchangeIndex,
        durationMs,
      });
    });
  }

  note(operationId: string, check: string, status: CheckStatus, title: string, message: string): void {
    this.push({ id: this.nextId(operationId, check), operationId, check, title, status, message, durationMs: 0 });
  }

  private push(result: CheckResult): void {
    this.counts[result.status]++;
    this.emit({ type: 'check', result: stripUndefined(this.redactor.result(result)) });
  }

  private indexOf(exchange: Exchange): number {
    let index = this.exchangeIndexes.get(exchange);
    if (index === undefined) {
      index = ++this.exchangeCount;
      this.exchangeIndexes.set(exchange, index);
    }
    return index;
  }

  private nextId(operationId: string, check: string): string {
    const key = `${operationId}/${check}`;
    const n = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, n);
    return `${key}#${n}`;
  }
}

function stripUndefined(result: CheckResult): CheckResult {
  return Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined)) as unknown as CheckResult;
}
