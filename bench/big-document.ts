/**
 * A synthetic OpenAPI 3.1 document of any size, shaped like the large documents users bring: many
 * resources, each with nested collections, shared component schemas reached through `$ref`s, inline
 * response schemas, path/query/header parameters, error responses and a few loose schemas that make ajv
 * warn. Deterministic for a given size. `npx tsx bench/big-document.ts <resources> > doc.json`.
 */

type Json = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/Error' };

function resourceSchema(index: number): Json {
  const properties: Json = {
    id: { type: 'string', format: 'uuid', readOnly: true },
    name: { type: 'string', minLength: 1, maxLength: 80 },
    created_at: { type: 'string', format: 'date-time', readOnly: true },
    status: { type: 'string', enum: ['active', 'paused', 'archived'] },
    owner: { $ref: '#/components/schemas/User' },
    tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' }, maxItems: 5 },
    settings: { type: 'object', properties: { retries: { type: 'integer', minimum: 0, maximum: 9 }, note: { maxLength: 40 } } },
  };
  if (index > 0) properties[`r${index - 1}_id`] = { type: 'string' };
  return { type: 'object', required: ['id', 'name'], properties };
}

function errorResponses(): Json {
  const error = { content: { 'application/json': { schema: ERROR_REF } } };
  return { 400: { description: 'bad', ...error }, 401: { description: 'auth', ...error }, 404: { description: 'missing', ...error } };
}

function listResponse(index: number): Json {
  return {
    description: 'a page',
    headers: { 'X-Total-Count': { required: true, schema: { type: 'integer', minimum: 0 } } },
    content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { $ref: `#/components/schemas/R${index}` } }, next: { type: ['string', 'null'] } } } } },
  };
}

function one(index: number): Json {
  return { description: 'one', content: { 'application/json': { schema: { $ref: `#/components/schemas/R${index}` } } } };
}

function operations(index: number): Record<string, Json> {
  const name = `r${index}`;
  const base = `/groups/{group_id}/${name}s`;
  const group = { name: 'group_id', in: 'path', required: true, schema: { type: 'string' } };
  const id = { name: `${name}_id`, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const body = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/R${index}` } } } };
  return {
    [base]: {
      parameters: [group],
      get: { operationId: `list_${name}`, parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }], responses: { 200: listResponse(index), ...errorResponses() } },
      post: { operationId: `create_${name}`, requestBody: body, responses: { 201: one(index), ...errorResponses() } },
    },
    [`${base}/{${name}_id}`]: {
      parameters: [group, id],
      get: { operationId: `get_${name}`, responses: { 200: one(index), ...errorResponses() } },
      patch: { operationId: `update_${name}`, requestBody: body, responses: { 200: one(index), ...errorResponses() } },
      delete: { operationId: `delete_${name}`, responses: { 204: { description: 'gone' }, ...errorResponses() } },
    },
  };
}

/** A document with `resources` resources, five operations each. */
export function bigDocument(resources: number): Json {
  const paths: Json = {};
  const schemas: Json = {
    Error: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, code: { type: 'integer' } } },
    User: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string', format: 'email' } } },
    Tag: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } } },
  };
  for (let index = 0; index < resources; index++) {
    Object.assign(paths, operations(index));
    schemas[`R${index}`] = resourceSchema(index);
  }
  return {
    openapi: '3.1.0',
    info: { title: `Synthetic ${resources * 5} operations`, version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1' }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

if (process.argv[1]?.endsWith('big-document.ts')) {
  process.stdout.write(`${JSON.stringify(bigDocument(Number(process.argv[2] ?? 200)), null, 2)}\n`);
}
