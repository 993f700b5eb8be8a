import type { ContractModel, OperationModel } from '../../../contract/model.ts';
import type { MockRequest } from '../../context.ts';
import type { IncomingRequest, RequestUrl } from '../../incoming.ts';
import type { MockInstance, MockReply } from '../../instance.ts';
import type { StoredRecord } from '../../store.ts';

/**
 * One request to one operation as it goes through the stages (engine/operation.ts lists them in order):
 * what routing gave, and what each stage found out for the ones after it.
 */
export interface OperationExchange {
  readonly instance: MockInstance;
  readonly operation: OperationModel;
  readonly request: IncomingRequest;
  readonly url: RequestUrl;
  /** Path parameters as they matched, still percent-encoded. */
  readonly params: Readonly<Record<string, string>>;
  /** `Prefer: example=<name>` (the prefer stage). */
  example: string | undefined;
  /** The caller (the authenticate stage); undefined for operations without security. */
  principal: string | undefined;
  /** Parameters and body read and validated (the read stage). */
  mockRequest: MockRequest | undefined;
  /** Body bytes the read stage took: what a stored record is weighed by. */
  bodyBytes: number;
  /** The operation's answer (the behave stage). */
  reply: MockReply | undefined;
  /** The record the behaviour stored, when it stored one (a create; the behave stage). */
  created: StoredRecord | undefined;
}

/**
 * A stage is data plus a resolver, as an msw handler is: `applies` says once per operation whether the stage
 * has anything to do there; `run` completes the exchange or refuses it by throwing a SituationError.
 */
export interface Stage {
  readonly name: string;
  applies(operation: OperationModel, contract: ContractModel): boolean;
  run(exchange: OperationExchange): void | Promise<void>;
}
