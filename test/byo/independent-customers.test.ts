import { fileURLToPath } from 'node:url';
import { CUSTOMERS_DEFECTS } from './support/customers-defects.ts';
import { startCustomersServer } from './support/customers-server.ts';
import { defineDefectSuite } from './support/defect-suite.ts';

defineDefectSuite('harness check against an independent implementation of customers-3.1.yaml (modern style)', {
  document: fileURLToPath(new URL('../data/openapi/customers-3.1.yaml', import.meta.url)),
  defects: CUSTOMERS_DEFECTS,
  start: startCustomersServer,
  tokens: ['tok_alice', 'tok_bob'],
  cases: [
    { defect: 'createAnswers200', reported: 'fail', check: 'status_expected' },
    { defect: 'locationMissing', reported: 'fail', check: 'required_headers' },
    { defect: 'idWrongPrefix', reported: 'fail', check: 'response_schema' },
    { defect: 'nullOmitted', reported: 'fail', check: 'response_schema' },
    { defect: 'updateReplaces', reported: 'fail', check: 'read_back' },
    { defect: 'deleteKeeps', reported: 'fail', check: 'deleted_is_gone' },
    { defect: 'errorsNotProblem', reported: 'fail', check: 'error_shape' },
    { defect: 'noAuth', reported: 'fail', check: 'status_expected' },
    { defect: 'paymentMethodLax', reported: 'fail', check: 'status_expected' },
    { defect: 'readOnlyStored', reported: 'fail', check: 'read_only_ignored' },
    // Names are conventions: `limit`, `starting_after`, `has_more`, `created` as a create-only timestamp.
    { defect: 'limitIgnored', reported: 'warn', check: 'list_limit' },
    { defect: 'cursorRepeats', reported: 'warn', check: 'list_cursor' },
    { defect: 'hasMoreWrong', reported: 'warn', check: 'list_has_more' },
    { defect: 'createdMoves', reported: 'warn', check: 'generated_fields' },
  ],
  indistinguishable: {
    emailNotUnique: 'only the 409 description says emails are unique; nothing in the schema does, and a 409 may be documented for other conflicts',
  },
});
