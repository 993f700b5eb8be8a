/**
 * How walks over a contract's documents read keys: a key in `SCHEMA_MAPS` holds schemas by name (the
 * value itself is no schema; `schemas` is `components.schemas`), a key in `DATA_KEYS` holds data (never
 * schemas, whatever its shape).
 */
export const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions', 'schemas']);
export const DATA_KEYS: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'example', 'examples']);
