import { readFileSync } from 'node:fs';
import { getResponse } from 'msw';
import { loadContractText } from '../../../src/contract/load-text.ts';
import { createHandlers } from '../../../src/mock/handlers.ts';

/**
 * Run in a child process by safe-regexp.test.ts, so that a backtracking engine that hangs on the pattern
 * is killed by the parent's timeout instead of wedging the test runner. Prints the reply's status.
 */
const text = readFileSync('test/data/contracts/minimal.yaml', 'utf8').replace(
  "required: [name]\n      properties:\n        name: {type: string, minLength: 1}",
  () => "required: [name]\n      properties:\n        name: {type: string, pattern: '^(a+)+$'}",
);
const contract = loadContractText('redos.yaml', text);
const { handlers } = createHandlers(contract, { baseUrl: 'https://widgets.example.com/v1' });
const name = `${'a'.repeat(33)}!`; // 45 bytes of JSON: {"name":"aaaa...!"}
const response = await getResponse(handlers, new Request('https://widgets.example.com/v1/widgets', {
  method: 'POST',
  headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
  body: JSON.stringify({ name }),
}));
process.stdout.write(`${JSON.stringify({ bytes: JSON.stringify({ name }).length, status: response?.status })}\n`);
