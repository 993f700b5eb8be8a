import type { Validator } from '../schema/ajv.ts';
import type { OperationKind, Situation } from './vocabulary.ts';

/** Everything the mock and the runner know about one API; built once, never mutated. */
export interface ContractModel {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly file: string;
  /** The first server URL with its variables set to their defaults, e.g. `https://eu1.make.com/api/v2`. */
  readonly serverUrl: string;
  readonly security: SecurityModel | undefined;
  readonly errorBody: unknown;
  readonly situations: Readonly<Record<Situation, SituationModel>>;
  readonly resources: ReadonlyMap<string, ResourceModel>;
  /** Sorted so that static path segments come before parameters (`/sessions/count` before `/sessions/{id}`). */
  readonly operations: readonly OperationModel[];
}

export interface SecurityModel {
  readonly name: string;
  /** The Authorization prefix, lower-cased: `bearer`, `jwt`, `token`. */
  readonly scheme: string;
  readonly jwt: boolean;
  readonly principalClaims: readonly string[];
}

export interface SituationModel {
  readonly status: number | undefined;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly inferred: boolean;
}

export interface GeneratedField {
  readonly value: unknown;
  readonly on: readonly ('create' | 'update')[];
  readonly when: string | undefined;
  readonly unique: boolean;
}

export interface TransientField {
  readonly value: unknown;
  /** `create`, or `set:<field>`: present on the response of an update that set that field. */
  readonly on: readonly string[];
}

export interface ResourceModel {
  readonly name: string;
  readonly schema: object;
  readonly validate: Validator;
  readonly key: string;
  /** Top-level property names of the record schema: what a body may store. */
  readonly fields: ReadonlySet<string>;
  readonly generated: Readonly<Record<string, GeneratedField>>;
  readonly scope: readonly string[];
  readonly transient: Readonly<Record<string, TransientField>>;
  readonly secret: readonly string[];
  readonly setOnce: Readonly<Record<string, readonly string[]>>;
  readonly owner: { readonly field: string; readonly modify: 'ownerOnly' | 'anyone' } | undefined;
  readonly ownerOnlyFields: readonly string[];
  readonly visibility: { readonly field: string; readonly private: readonly unknown[]; readonly viewers: readonly string[] } | undefined;
  readonly versioning: { readonly field: string; readonly initial: number } | undefined;
  readonly membership: { readonly field: string; readonly capacity: readonly string[] } | undefined;
  readonly expiry: { readonly after: number; readonly unless: string | undefined } | undefined;
  /** Names of the rules above that the contract marks `x-inferred`. */
  readonly inferredRules: ReadonlySet<string>;
}

export interface ParameterModel {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: object;
}

export interface BodyModel {
  readonly required: boolean;
  readonly mediaTypes: readonly string[];
  readonly schema: object;
  readonly validate: Validator;
}

export interface HeaderModel {
  readonly name: string;
  readonly required: boolean;
  readonly validate: Validator | undefined;
}

export interface ResponseModel {
  /** As documented: `200`, `4XX` or `default`. */
  readonly status: string;
  readonly inferred: boolean;
  readonly mediaTypes: readonly string[];
  readonly schema: object | undefined;
  readonly validate: Validator | undefined;
  readonly headers: readonly HeaderModel[];
}

export interface ListModel {
  readonly limit: { readonly param: string; readonly default: number | undefined; readonly max: number | undefined } | undefined;
  readonly skip: string | undefined;
  readonly sort: string | undefined;
  readonly filter: boolean;
}

export interface BehaviourModel {
  readonly kind: OperationKind;
  readonly resource: ResourceModel;
  /** Where the key comes from: `{from: 'path', name: 'id'}`. */
  readonly id: { readonly from: 'path' | 'query' | 'body'; readonly name: string } | undefined;
  readonly set: Readonly<Record<string, unknown>>;
  readonly effect: 'addMember' | 'removeMember' | 'none';
  readonly section: string | undefined;
  readonly sectionDefault: unknown;
  /** The response body template; `null` means no body. */
  readonly response: unknown;
  readonly destructive: boolean;
  readonly list: ListModel | undefined;
  readonly inferred: boolean;
}

export interface OperationModel {
  readonly id: string;
  readonly method: string;
  /** The OpenAPI path template, e.g. `/sessions/{id}`. */
  readonly path: string;
  /** JSON pointer of the operation in the contract, for messages. */
  readonly pointer: string;
  /** 1-based line of the operation in the contract file, when known. */
  readonly line?: number;
  readonly tag: string | undefined;
  readonly summary: string | undefined;
  readonly pathParams: readonly ParameterModel[];
  readonly queryParams: readonly ParameterModel[];
  /** Validates (and coerces) `{name: value}` objects built from the URL. */
  readonly validatePath: Validator | undefined;
  readonly validateQuery: Validator | undefined;
  readonly body: BodyModel | undefined;
  readonly responses: ReadonlyMap<string, ResponseModel>;
  readonly successStatus: number;
  readonly secured: boolean;
  readonly behaviour: BehaviourModel;
  readonly situations: Readonly<Record<Situation, SituationModel>>;
}
