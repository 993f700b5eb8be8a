/**
 * JSON Schemas of the `x-harness` vocabulary (documented in contracts/README.md). Compiled once; a
 * contract that breaks them is rejected at load time with the pointer of the offending key.
 */
const template = {}; // any JSON value; strings may hold ${expr}
const fieldList = { type: 'array', items: { type: 'string' }, minItems: 1 };
const inferred = { 'x-inferred': { type: 'boolean' } };

const situation = {
  type: 'object',
  properties: { status: { type: 'integer', minimum: 100, maximum: 599 }, ...inferred },
  additionalProperties: true,
};

export const SITUATIONS = ['unauthenticated', 'forbidden', 'notFound', 'malformed', 'invalid', 'conflict', 'tooLarge', 'fault'] as const;
export type Situation = (typeof SITUATIONS)[number];

const situationOverrides = {
  type: 'object',
  propertyNames: { enum: [...SITUATIONS] },
  additionalProperties: situation,
};

const generatedField = {
  type: 'object',
  required: ['value'],
  properties: {
    value: template,
    on: { type: 'array', items: { enum: ['create', 'update'] }, minItems: 1 },
    when: { type: 'string' },
    unique: { type: 'boolean' },
    ...inferred,
  },
  additionalProperties: false,
};

const resource = {
  type: 'object',
  required: ['schema', 'key'],
  properties: {
    schema: { type: 'object' },
    key: { type: 'string' },
    generated: { type: 'object', additionalProperties: generatedField },
    scope: fieldList,
    transient: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['value', 'on'],
        properties: { value: template, on: { type: 'array', items: { type: 'string', pattern: '^(create|set:.+)$' }, minItems: 1 }, ...inferred },
        additionalProperties: false,
      },
    },
    secret: fieldList,
    setOnce: { type: 'object', additionalProperties: fieldList },
    owner: {
      type: 'object', required: ['field'],
      properties: { field: { type: 'string' }, modify: { enum: ['ownerOnly', 'anyone'] }, ...inferred },
      additionalProperties: false,
    },
    ownerOnlyFields: fieldList,
    visibility: {
      type: 'object', required: ['field', 'private', 'viewers'],
      properties: { field: { type: 'string' }, private: { type: 'array', minItems: 1 }, viewers: fieldList, ...inferred },
      additionalProperties: false,
    },
    versioning: {
      type: 'object', required: ['field'],
      properties: { field: { type: 'string' }, initial: { type: 'integer' }, ...inferred },
      additionalProperties: false,
    },
    membership: {
      type: 'object', required: ['field'],
      properties: { field: { type: 'string' }, capacity: fieldList, ...inferred },
      additionalProperties: false,
    },
    expiry: {
      type: 'object', required: ['after'],
      properties: { after: { type: 'integer', minimum: 1 }, unless: { type: 'string' }, ...inferred },
      additionalProperties: false,
    },
    ...inferred,
  },
  additionalProperties: false,
};

export const rootVocabularySchema = {
  type: 'object',
  required: ['errors', 'resources'],
  properties: {
    errors: {
      type: 'object',
      required: ['body', 'situations'],
      properties: {
        body: template,
        situations: {
          type: 'object',
          required: [...SITUATIONS],
          propertyNames: { enum: [...SITUATIONS] },
          additionalProperties: situation,
        },
      },
      additionalProperties: false,
    },
    resources: { type: 'object', additionalProperties: resource },
  },
  additionalProperties: false,
};

export const OPERATION_KINDS = ['create', 'read', 'update', 'replace', 'delete', 'list', 'count', 'truncate', 'action', 'readSection', 'writeSection', 'static'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const operationVocabularySchema = {
  type: 'object',
  required: ['kind', 'resource'],
  properties: {
    kind: { enum: [...OPERATION_KINDS] },
    resource: { type: 'string' },
    id: { type: 'string', pattern: '^\\$\\{(path|query|body)\\.[^}]+\\}$' },
    set: { type: 'object' },
    effect: { enum: ['addMember', 'removeMember', 'none'] },
    section: { type: 'string' },
    default: template,
    response: template,
    destructive: { type: 'boolean' },
    /** Where a write's body carries the record's fields (a JSON pointer: `/data`, `/data/attributes`). */
    bodyEnvelope: { type: 'string', pattern: '^(/[^/]+)+$' },
    /** A replace that creates the record at a key nobody holds (PUT as HTTP describes it). */
    upsert: { type: 'boolean' },
    list: {
      type: 'object',
      properties: {
        limit: {
          type: 'object', required: ['param'],
          properties: { param: { type: 'string' }, default: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
        skip: { type: 'object', required: ['param'], properties: { param: { type: 'string' } }, additionalProperties: false },
        sort: { type: 'object', required: ['param'], properties: { param: { type: 'string' } }, additionalProperties: false },
        filter: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    errors: situationOverrides,
    ...inferred,
  },
  additionalProperties: false,
};

export const securityVocabularySchema = {
  type: 'object',
  properties: {
    jwt: { type: 'boolean' },
    principal: fieldList,
  },
  additionalProperties: false,
};

/** The only extension keys a contract may use. */
export const EXTENSION_KEYS = new Set(['x-harness', 'x-inferred']);
