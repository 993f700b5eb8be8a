import type { ContractModel, OperationModel, ResourceModel } from '../contract/model.ts';
import { keep, type Slot } from './memory.ts';
import { createSpec } from './plan-specs.ts';
import type { StepSpec } from './steps.ts';
import type { RunState } from './types.ts';
import { validBody, withFreshKey } from './values.ts';
import { creatorAmong, operationsByPathId, operationsOf } from './operations-by-resource.ts';

/** Parents of parents are created too, up to this depth (documents nest resources two or three deep). */
const MAX_DEPTH = 4;

/**
 * The create of the resource a scope parameter names: the one whose item operations take that parameter as
 * their id (`notebookId` in `/notebooks/{notebookId}/notes` is the id of `/notebooks/{notebookId}`).
 */
export function parentCreate(contract: ContractModel, child: ResourceModel, parameter: string): OperationModel | undefined {
  const item = operationsByPathId(contract.operations, parameter).find((op) => op.behaviour.resource !== child && !op.behaviour.resource.stateless);
  if (!item) return undefined;
  return creatorAmong(operationsOf(contract.operations, item.behaviour.resource));
}

/**
 * Creates a parent record for every scope parameter of the resource the run has no value for: a server
 * that checks its parents answers 404 under a made-up one, so records are created under real parents, and
 * the parent's id becomes the run-wide value of the parameter.
 */
export function parentSpecs(state: RunState, resource: ResourceModel, depth = 0): StepSpec[] {
  if (depth >= MAX_DEPTH) return [];
  const specs: StepSpec[] = [];
  for (const name of resource.scope) {
    if (state.options.pathParams[name] !== undefined) continue;
    const create = parentCreate(state.contract, resource, name);
    if (!create) continue;
    specs.push(...parentSpecs(state, create.behaviour.resource, depth + 1), parentSpec(state, create, name, resource, 'the parent'));
  }
  return specs;
}

/**
 * One parent create (setup, cleaned up with the rest); `role` says what for. Its id becomes the run-wide
 * value of the parameter, or, for another parent than the one the child's records live under, goes to `idSlot`.
 */
export function parentSpec(state: RunState, create: OperationModel, parameter: string, child: ResourceModel, role: string, idSlot?: Slot<string>): StepSpec {
  const label = `${create.behaviour.resource.name}:${role} of ${child.name} (${parameter})`;
  // Two parents of one kind (the parent, another one) must not share a key the client chooses.
  const spec = createSpec(create, label, `create ${role} of a ${child.name}`, withFreshKey(create, validBody(state, create), `${role}-${child.name}`), 'user1', state);
  const keeps = idSlot ? { writes: [keep(idSlot, (_exchange, facts) => facts.record?.id)] } : { idForPathParam: parameter };
  return { ...spec, setup: true, ...keeps };
}
