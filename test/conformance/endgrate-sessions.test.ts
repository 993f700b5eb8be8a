import { ENDGRATE_DEFECTS, startEndgrateSessions } from './implementations/endgrate-sessions.ts';
import { defineConformanceSuite } from './define-suite.ts';

defineConformanceSuite({
  contractId: 'endgrate-sessions',
  start: startEndgrateSessions,
  defects: ENDGRATE_DEFECTS,
  inferred: ['schemaItemWithoutTypeOrTitle', 'pushAcceptsPullFields', 'webhookWithoutEndpointAccepted'],
});
