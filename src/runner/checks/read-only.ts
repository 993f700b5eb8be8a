import { fieldSchema } from '../schemas.ts';
import type { CheckContext, Exchange, Finding } from '../types.ts';
import { findMismatch } from './compare.ts';
import { recordIn, show } from './support.ts';

/** A create that sent `readOnly` fields was refused, or the record holds the server's values there, not the client's. */
export function read_only_ignored(exchange: Exchange, context: CheckContext): Finding[] | null {
  const sent = context.facts.readOnlySent;
  if (!sent) return null;
  const status = exchange.response?.status;
  if (status === undefined || status < 200 || status > 299) return [];
  const record = recordIn(exchange, context.operation);
  if (!record) return [{ skip: true, message: 'the response holds no record where the contract says' }];
  const resource = context.operation.behaviour.resource;
  const findings: Finding[] = [];
  for (const [field, value] of Object.entries(sent)) {
    if (record[field] === undefined || findMismatch(value, record[field], fieldSchema(resource, field))) continue;
    findings.push({
      message: `\`${field}\` is readOnly, yet the record holds the value the client sent for it.`,
      expected: `a value the server sets (or a refusal)`,
      actual: show(record[field]),
      pointer: `/${field}`,
      inferred: context.step.inferred,
    });
  }
  return findings;
}
