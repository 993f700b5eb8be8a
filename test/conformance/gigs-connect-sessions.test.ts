import { GIGS_DEFECTS, startGigsConnectSessions } from './implementations/gigs-connect-sessions.ts';
import { defineConformanceSuite } from './define-suite.ts';

defineConformanceSuite({
  contractId: 'gigs-connect-sessions',
  start: startGigsConnectSessions,
  defects: GIGS_DEFECTS,
  inferred: [],
});
