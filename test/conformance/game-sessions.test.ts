import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { GAME_SESSIONS_DEFECTS, startGameSessions } from './implementations/game-sessions.ts';
import { defineConformanceSuite } from './define-suite.ts';
import { checkImplementation, describeResults } from './support.ts';

defineConformanceSuite({
  contractId: 'game-sessions',
  start: startGameSessions,
  defects: GAME_SESSIONS_DEFECTS,
  inferred: ['countIgnoresVisibility', 'countHonoursLimit', 'passwordShownToOthers', 'privateListedToOthers', 'joinAddsTwice', 'leaveKeepsMember'],
});

describe('game-sessions: a status the vendor leaves open', () => {
  it('a server that answers 403 for joining a full session gets a warning, not a failure', async () => {
    const contract = await loadContract('game-sessions');
    const outcome = await checkImplementation(contract, () => startGameSessions({ fullSessionStatus: 403 }));
    expect(outcome.failures, describeResults(outcome.failures)).toEqual([]);
    const warned = outcome.results.filter((r) => r.status === 'warn' && r.title.startsWith('join a full session'));
    expect(warned.map((r) => r.check)).toEqual(expect.arrayContaining(['status_documented', 'membership_capacity']));
  });
});
