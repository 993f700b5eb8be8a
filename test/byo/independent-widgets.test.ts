import { fileURLToPath } from 'node:url';
import { defineDefectSuite } from './support/defect-suite.ts';
import { startWidgetsServer, WIDGET_DEFECTS } from './support/widgets-server.ts';

// A hand-written server with its own merge-patch and JSON Patch code (none of the harness's): the runner's
// patch checks pass it, and catch each defect seeded in it.
defineDefectSuite('harness check against an independent implementation of patch-media-3.1.yaml (PATCH media types)', {
  document: fileURLToPath(new URL('../data/openapi/patch-media-3.1.yaml', import.meta.url)),
  defects: WIDGET_DEFECTS,
  start: startWidgetsServer,
  tokens: ['key_alice', 'key_bob'],
  cases: [
    { defect: 'mergeReplacesNested', reported: 'fail', check: 'read_back' },
    { defect: 'removeIgnored', reported: 'fail', check: 'read_back' },
    { defect: 'testIgnored', reported: 'fail', check: 'status_expected' },
    { defect: 'notAtomic', reported: 'fail', check: 'read_back' },
    // The merge-patch removes a field that cannot hold null (`tags`), so a null stored there breaks the schema.
    { defect: 'mergeNullStored', reported: 'fail', check: 'response_schema' },
  ],
});
