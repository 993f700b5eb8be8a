import { describe, expect, it } from 'vitest';
import type { OperationModel } from '../../src/contract/model.ts';
import { noteWrite } from '../../src/runner/records.ts';
import type { TrackedRecord } from '../../src/runner/types.ts';

const operation = (kind: string) => ({ behaviour: { kind } }) as unknown as OperationModel;
const record = (removed: string[]) => ({ written: { name: 'a' }, removed }) as unknown as TrackedRecord;

describe('noteWrite: the fields a record is expected not to show', () => {
  it('an update keeps the earlier removals it did not write again, and adds its own', () => {
    const tracked = record(['nickname', 'note']);
    noteWrite(tracked, operation('update'), { name: 'b', note: 'back' }, ['color']);
    expect([tracked.written, tracked.removed]).toEqual([{ name: 'b', note: 'back' }, ['nickname', 'color']]);
  });

  it('a replace stores exactly what it sent: earlier removals no longer hold (a default may fill them)', () => {
    const tracked = record(['nickname']);
    noteWrite(tracked, operation('replace'), { name: 'c' }, []);
    expect([tracked.written, tracked.removed]).toEqual([{ name: 'c' }, []]);
  });
});
