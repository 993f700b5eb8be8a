import type { GeneratedField, ResourceModel } from '../../src/contract/model.ts';

/** A resource model with no rules but the ones given: what each rule's unit tests start from. */
export function resourceWith(overrides: Partial<ResourceModel> & { fields?: ReadonlySet<string> } = {}): ResourceModel {
  const validate = Object.assign(() => true, { errors: null }) as unknown as ResourceModel['validate'];
  return {
    name: 'widget', schema: { type: 'object' }, validate, key: 'id',
    fields: new Set(['id', 'name', 'size', 'createdAt', 'token', 'version', 'members', 'visibility', 'host', 'secret', 'owner', 'keep', 'userDetails', 'user']),
    generated: {}, scope: [], transient: {}, secret: [], setOnce: {}, owner: undefined, ownerOnlyFields: [], hidden: [], defaults: {},
    stateless: false, visibility: undefined, versioning: undefined, membership: undefined, expiry: undefined, inferredRules: new Set(),
    ...overrides,
  };
}

export function generatedRule(value: unknown, options: Partial<GeneratedField> = {}): GeneratedField {
  return { value, on: ['create'], when: undefined, unique: false, ...options };
}
