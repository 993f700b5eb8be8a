import type { StyledParameter } from '../shared/parameter-style/style.ts';
import type { Validator } from '../schema/ajv.ts';
import type { SchemaCompiler } from '../schema/compiler.ts';
import type { ContractProblem } from './errors.ts';
import type { OperationKind, Situation } from './vocabulary.ts';

/** Everything the mock and the runner know about one API; built once, never mutated. */
export interface ContractModel {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly file: string;
  /** The first server URL with its variables set to their defaults, e.g. `https://eu1.make.com/api/v2`. */
  readonly serverUrl: string;
  /** The OpenAPI version the document was written in (it is read in one internal form). */
  readonly openapi: '3.0' | '3.1';
  /** Whether the document declares its behaviour with `x-harness` (otherwise it is inferred). */
  readonly declared: boolean;
  /** The first scheme of the document's global security (or of the first secured operation). */
  readonly security: SecurityModel | undefined;
  /** Every security scheme the document declares, by name. */
  readonly securitySchemes: ReadonlyMap<string, SecurityModel>;
  /** The x-harness error body template; undefined: error bodies follow each status's documented schema. */
  readonly errorBody: unknown;
  /** The contract's own validators (its documents, its `$ref`s): compile schemas of the model with it. */
  readonly schemas: SchemaCompiler;
  /** What is odd but usable in the document: unknown formats, loose typing, examples that break their schema... */
  readonly warnings: readonly ContractProblem[];
  readonly situations: Readonly<Record<Situation, SituationModel>>;
  readonly resources: ReadonlyMap<string, ResourceModel>;
  /** Sorted so that static path segments come before parameters (`/sessions/count` before `/sessions/{id}`). */
  readonly operations: readonly OperationModel[];
}

export interface SecurityModel {
  readonly name: string;
  /** `http` (basic, bearer, any prefix), `apiKey` (header, query, cookie); oauth2 and openIdConnect carry bearer tokens. */
  readonly type: 'http' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** The Authorization prefix, lower-cased: `bearer`, `basic`, `jwt`, `token`; undefined for API keys. */
  readonly scheme: string;
  /** Where an API key goes, and its name. */
  readonly in?: 'header' | 'query' | 'cookie';
  readonly parameter?: string;
  readonly jwt: boolean;
  readonly principalClaims: readonly string[];
}

export interface SituationModel {
  readonly status: number | undefined;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly inferred: boolean;
  /** False when the operation documents no response for the situation (a status is chosen by HTTP convention). */
  readonly documented?: boolean;
  /**
   * The documented response the status answers with: its schema and media type shape the error body. For a
   * status the operation does not document, another documented client error whose shape the body takes.
   */
  readonly response?: ResponseModel;
}

export interface GeneratedField {
  /** A template; `${counter}` counts up per resource, `${sample}` draws from `schema`. */
  readonly value: unknown;
  /** The field's schema, for `${sample}`. */
  readonly schema?: object;
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
  /** Fields stored but never returned (`writeOnly`). */
  readonly hidden: readonly string[];
  /** Top-level defaults of the record schema: what a create fills in for fields the body leaves out. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** An operation's own resource when it fits none: served statelessly, never stored. */
  readonly stateless: boolean;
  readonly visibility: { readonly field: string; readonly private: readonly unknown[]; readonly viewers: readonly string[] } | undefined;
  readonly versioning: { readonly field: string; readonly initial: number } | undefined;
  readonly membership: { readonly field: string; readonly capacity: readonly string[] } | undefined;
  readonly expiry: { readonly after: number; readonly unless: string | undefined } | undefined;
  /** Names of the rules above that the contract marks `x-inferred`. */
  readonly inferredRules: ReadonlySet<string>;
}

/** A parameter: where it travels, its schema, and how its value is written there (style, explode or content). */
export interface ParameterModel extends StyledParameter {
  readonly required: boolean;
  /** A query parameter that may be sent empty (`?flag=`, `allowEmptyValue`): an empty value is not checked against its schema. */
  readonly allowEmptyValue?: true;
  /** As documented: what a reading by the parameter's name alone cannot tell (a limit saying it caps the page). */
  readonly description?: string;
}

export interface BodyModel {
  readonly required: boolean;
  readonly mediaTypes: readonly string[];
  /** The schema of the first JSON (or form) media type: what the runner generates bodies from. */
  readonly schema: object;
  readonly validate: Validator;
  /** Per media type, as documented. */
  readonly byMediaType: ReadonlyMap<string, { readonly schema: object | undefined; readonly validate: Validator | undefined }>;
  /** Form media types: field values arrive as text and are coerced to the schema's types by this validator. */
  readonly validateForm?: Validator;
  /** `application/x-www-form-urlencoded` fields whose `encoding` gives a style: written and read as query parameters are. */
  readonly formEncoding?: Readonly<Record<string, StyledParameter>>;
}

export interface ExampleModel {
  readonly name: string;
  readonly value: unknown;
}

export interface HeaderModel {
  readonly name: string;
  readonly required: boolean;
  readonly validate: Validator | undefined;
  /** How its value is written (style simple; an array or object schema is a list). */
  readonly styled?: StyledParameter;
  /** A value of its schema as header text, made once at load (seeded): what the mock sends for a required header. */
  readonly sample?: string;
}

export interface ResponseModel {
  /** As documented: `200`, `4XX` or `default`. */
  readonly status: string;
  readonly inferred: boolean;
  readonly mediaTypes: readonly string[];
  readonly schema: object | undefined;
  readonly validate: Validator | undefined;
  readonly headers: readonly HeaderModel[];
  /** Documented examples of the first media type that fit its schema (`Prefer: example=<name>` picks one). */
  readonly examples: readonly ExampleModel[];
  /** A value of the schema, made once at load (seeded): what an envelope or a stateless answer starts from. */
  readonly sample?: unknown;
}

export interface ListModel {
  readonly limit: { readonly param: string; readonly default: number | undefined; readonly max: number | undefined } | undefined;
  readonly skip: string | undefined;
  /** Page-numbered paging: the parameter and the number of the first page. */
  readonly page?: { readonly param: string; readonly first: number };
  /** Cursor paging: the parameter; the cursor is the key of the last item of the previous page. */
  readonly cursor?: { readonly param: string };
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
  /** The response template only places the record (or items): the rest of the body comes from the schema. */
  readonly envelope: boolean;
  /** Where a write's body carries the record's fields (`/data` for `{data: {...}}`); absent: the body itself. */
  readonly bodyEnvelope?: string;
  /** A replace that creates the record at the key the path names when no record holds it (an upsert): set only where `id.from` is `path`. */
  readonly upsert?: boolean;
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
  /** Header and cookie parameters (by name) where a request carries them: a missing one is not refused. */
  readonly validateHeaders?: Validator;
  readonly body: BodyModel | undefined;
  readonly responses: ReadonlyMap<string, ResponseModel>;
  readonly successStatus: number;
  readonly secured: boolean;
  /** Alternatives (any one will do), each a set of schemes that must all be satisfied; empty: public. */
  readonly security: readonly (readonly SecurityModel[])[];
  /** Header and cookie parameters (the runner asks for required ones it cannot invent). */
  readonly headerParams: readonly ParameterModel[];
  readonly behaviour: BehaviourModel;
  readonly situations: Readonly<Record<Situation, SituationModel>>;
}
