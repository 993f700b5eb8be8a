import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/registry.ts';
import { detectionMatrix, formatMatrix, type DocumentMatrix } from './support/detection-matrix.ts';
import { MUTATION_CLASSES, type MutationClassId } from './support/mutation-proxy.ts';

/**
 * The detection matrix (slow project: about twenty full runs per document): the mock of each document is the
 * correct server and must pass; behind the mutation proxy, every defect class the run gives occasion to must
 * fail the run. Only these are warnings, each a rule the document does not state itself:
 */
const WARNED: Readonly<Record<string, Partial<Record<MutationClassId, string>>>> = {
  'game-sessions': { identityIgnored: 'the contract marks the visibility of private sessions x-inferred' },
  'endgrate-sessions': { validationNotEnforced: 'the contract marks the invalid situation x-inferred (the vendor documents no validation)' },
  'tracker-3.0.yaml': {
    limitIgnored: '`per_page` is a limit by its name alone (no description)',
    filterIgnored: '`status` is a filter by its name alone (no description)',
  },
  'customers-3.1.yaml': {
    limitIgnored: '`limit` is a limit by its name alone (no description)',
    filterIgnored: '`email` is a filter by its name alone (no description)',
  },
};

const data = (name: string) => fileURLToPath(new URL(`../data/openapi/${name}`, import.meta.url));
const DOCUMENTS: readonly { name: string; source: string }[] = [
  ...['game-sessions', 'endgrate-sessions', 'gigs-connect-sessions', 'make-sdk-connections'].map((id) => ({ name: id, source: id })),
  ...['articles.yaml', 'tracker-3.0.yaml', 'customers-3.1.yaml', 'snowflakes.yaml', 'etag-notes.yaml'].map((file) => ({ name: file, source: data(file) })),
];
const CLASSES = Object.keys(MUTATION_CLASSES) as MutationClassId[];
/** Classes no document here gives occasion to, with the reason. */
const NEVER_APPLIED: Partial<Record<MutationClassId, string>> = {};
const applied = new Set<MutationClassId>();

describe.each(DOCUMENTS)('$name: the runner against the correct mock and each defect class', ({ name, source }) => {
  let matrix: DocumentMatrix;
  beforeAll(async () => {
    matrix = await detectionMatrix(await loadContract(source));
    for (const d of matrix.detections) if (d.verdict !== 'n/a') applied.add(d.defect);
  }, 240_000);

  it('the correct server gets no failure', () => {
    expect(matrix.falseFailures).toEqual([]);
  });

  it.each(CLASSES)('%s: caught where the run gives it occasion', (defect) => {
    const detection = matrix.detections.find((d) => d.defect === defect)!;
    const expected = detection.verdict === 'n/a' ? 'n/a' : WARNED[name]?.[defect] ? 'warned' : 'caught';
    expect(detection.verdict, formatMatrix(name, { falseFailures: [], detections: [detection] }, true)).toBe(expected);
  });
});

it('every defect class but those said applies to some document (the proxy still breaks things)', () => {
  expect(CLASSES.filter((defect) => !applied.has(defect)).sort()).toEqual(Object.keys(NEVER_APPLIED).sort());
});
