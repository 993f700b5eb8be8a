import { fileURLToPath } from 'node:url';
import { defineDefectSuite } from './support/defect-suite.ts';
import { TRACKER_DEFECTS } from './support/tracker-defects.ts';
import { startTrackerServer } from './support/tracker-server.ts';

defineDefectSuite('harness check against an independent implementation of tracker-3.0.yaml (older CRUD style)', {
  document: fileURLToPath(new URL('../data/openapi/tracker-3.0.yaml', import.meta.url)),
  defects: TRACKER_DEFECTS,
  start: startTrackerServer,
  tokens: ['key_alice', 'key_bob'],
  cases: [
    { defect: 'createAnswers200', reported: 'fail', check: 'status_documented' },
    { defect: 'missingUpdatedAt', reported: 'fail', check: 'response_schema' },
    { defect: 'taskIdAsString', reported: 'fail', check: 'response_schema' },
    { defect: 'patchReplaces', reported: 'fail', check: 'read_back' },
    { defect: 'patchNotPersisted', reported: 'fail', check: 'read_back' },
    { defect: 'deleteKeeps', reported: 'fail', check: 'deleted_is_gone' },
    { defect: 'malformedJson500', reported: 'fail', check: 'status_expected' },
    { defect: 'authNotEnforced', reported: 'fail', check: 'status_expected' },
    { defect: 'errorShapeWrong', reported: 'fail', check: 'error_shape' },
    { defect: 'readOnlyStored', reported: 'fail', check: 'read_only_ignored' },
    { defect: 'nullableOmitted', reported: 'fail', check: 'response_schema' },
    { defect: 'tasksNotScoped', reported: 'fail', check: 'scope_isolation' },
    { defect: 'formRefused', reported: 'fail', check: 'status_expected' },
    // Names are conventions (`per_page`, `meta.total`); many servers merge on PUT.
    { defect: 'perPageIgnored', reported: 'warn', check: 'list_limit' },
    { defect: 'totalCountsPage', reported: 'warn', check: 'count_matches_list' },
    { defect: 'putMerges', reported: 'warn', check: 'replace_drops_omitted' },
  ],
});
