import { MAKE_DEFECTS, startMakeSdkConnections } from './implementations/make-sdk-connections.ts';
import { defineConformanceSuite } from './define-suite.ts';

defineConformanceSuite({
  contractId: 'make-sdk-connections',
  start: startMakeSdkConnections,
  defects: MAKE_DEFECTS,
  inferred: [],
});
