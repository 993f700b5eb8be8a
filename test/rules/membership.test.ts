import { describe, expect, it } from 'vitest';
import { ampleCapacity, applyEffect, capacityFields, capacityOf, fillToCapacity, memberField, membersOf, membershipProblem } from '../../src/rules/membership.ts';
import { resourceWith } from './support.ts';

const resource = resourceWith({ membership: { field: 'members', capacity: ['size'] } });

describe('join and leave', () => {
  it('a join adds the caller once; a second join changes nothing', () => {
    expect(applyEffect(resource, { members: ['a'], size: 3 }, 'addMember', 'b')).toEqual({ members: ['a', 'b'], changed: true });
    expect(applyEffect(resource, { members: ['a'], size: 3 }, 'addMember', 'a')).toEqual({ members: ['a'], changed: false });
  });

  it('a join when the members fill the capacity is refused', () => {
    expect(applyEffect(resource, { members: ['a', 'b'], size: 2 }, 'addMember', 'c')).toEqual({ full: 2 });
  });

  it('a leave removes the caller; leaving when not a member changes nothing', () => {
    expect(applyEffect(resource, { members: ['a', 'b'] }, 'removeMember', 'a')).toEqual({ members: ['b'], changed: true });
    expect(applyEffect(resource, { members: 'odd' }, 'removeMember', 'a')).toEqual({ members: [], changed: false });
  });

  it('the capacity is the product of positive capacity fields', () => {
    const two = resourceWith({ membership: { field: 'members', capacity: ['size', 'teams'] } });
    expect(capacityOf(two, { size: 2, teams: 3 })).toBe(6);
    expect(capacityOf(two, { size: 2, teams: 0 })).toBeUndefined();
    expect(capacityOf(resourceWith({ membership: { field: 'members', capacity: [] } }), {})).toBeUndefined();
    expect(membersOf(resource, { members: ['x'] })).toEqual(['x']);
    expect(membersOf(resource, {})).toEqual([]);
  });

  it('a workflow body gets room for a few joins', () => {
    const body: Record<string, unknown> = { size: 1 };
    ampleCapacity(resource, body);
    expect(body.size).toBe(3);
    const large: Record<string, unknown> = { size: 10 };
    ampleCapacity(resource, large);
    expect(large.size).toBe(10);
  });
});

describe('membershipProblem: what a correct server shows after join/leave', () => {
  it('with a known caller: exactly once after joining, absent after leaving', () => {
    expect(membershipProblem('joined', ['a', 'b'], [], 'b')).toBeUndefined();
    expect(membershipProblem('joined', ['a'], [], 'b')).toEqual({ kind: 'absent', count: 0 });
    expect(membershipProblem('joined', ['b', 'b'], [], 'b')).toEqual({ kind: 'repeated', count: 2 });
    expect(membershipProblem('left', ['b'], [], 'b')).toEqual({ kind: 'still', count: 1 });
    expect(membershipProblem('left', [], [], 'b')).toBeUndefined();
  });

  it('with an unknown caller: the count moves the right way', () => {
    expect(membershipProblem('joined', ['x'], ['x', 'y'], undefined)).toEqual({ kind: 'shrank', count: 1 });
    expect(membershipProblem('left', ['x', 'y'], ['x'], undefined)).toEqual({ kind: 'grew', count: 2 });
    expect(membershipProblem('joined', ['x', 'y'], ['x'], undefined)).toBeUndefined();
  });
});

describe('a record at capacity', () => {
  it('one member and every capacity field 1: the next join is refused', () => {
    expect([memberField(resource), capacityFields(resource)]).toEqual(['members', ['size']]);
    const body: Record<string, unknown> = { members: ['x', 'y'], size: 5 };
    fillToCapacity(resource, body, 'a');
    expect(body).toEqual({ members: ['a'], size: 1 });
    expect(applyEffect(resource, body, 'addMember', 'b')).toEqual({ full: 1 });
  });

  it('changes nothing without the rule', () => {
    const body = { size: 5 };
    fillToCapacity(resourceWith(), body, 'a');
    expect(body).toEqual({ size: 5 });
    expect([memberField(resourceWith()), capacityFields(resourceWith())]).toEqual([undefined, []]);
  });
});
