import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_DOCUMENT_DIGESTS, documentDigest, isCheckedDocument } from '../../src/contract/checked-documents.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { loadContractText } from '../../src/contract/load-text.ts';
import { loadContractFile } from '../../src/contract/load.ts';
import { CONTRACTS_DIR, listBundledContractIds } from '../../src/contract/registry.ts';

const bundled = listBundledContractIds().map((id) => {
  const file = join(CONTRACTS_DIR, `${id}.yaml`);
  return { file, text: readFileSync(file, 'utf8') };
});

describe('documents known to pass the structure and schema checks', () => {
  it('lists exactly the bundled contracts as they are now', () => {
    const current = bundled.map(({ file, text }) => `  '${documentDigest(text)}', // contracts/${basename(file)}`);
    const message = `src/contract/checked-documents.ts is stale; its list should be:\n${current.join('\n')}`;
    expect([...CHECKED_DOCUMENT_DIGESTS].sort(), message).toEqual(bundled.map(({ text }) => documentDigest(text)).sort());
  });

  it('every listed text passes the checks it skips (loaded as text, nothing skipped)', () => {
    for (const { file, text } of bundled) expect(loadContractText(file, text).operations.length, file).toBeGreaterThan(0);
  });

  it('any other text is checked in full: one changed key of a bundled contract is still reported', async () => {
    const { file, text } = bundled.find(({ file }) => file.endsWith('game-sessions.yaml'))!;
    const broken = text.replace(/^info:/m, 'infox:');
    expect(isCheckedDocument(broken)).toBe(false);
    expect(() => loadContractText(file, broken)).toThrow(ContractError);
    expect(() => loadContractText(file, broken)).toThrow(/OpenAPI 3\.1: /);
    // The same text from a file loads without the checks, with the same model as a full load.
    const fast = await loadContractFile(file);
    const full = loadContractText(file, text);
    expect(fast.operations.map((operation) => operation.id)).toEqual(full.operations.map((operation) => operation.id));
    expect(fast.warnings).toEqual(full.warnings);
  });

  it('a listed text builds the same model: validators compiled on first use, the same response samples', async () => {
    for (const { file, text } of bundled) {
      const fast = await loadContractFile(file);
      const full = loadContractText(file, text);
      // Read in reverse: the deferred samples are still drawn in document order, so they are the same values.
      const samplesOf = (model: typeof fast, order: 'forward' | 'reverse') => {
        const responses = model.operations.flatMap((operation) => [...operation.responses.values()]);
        const read = (order === 'reverse' ? [...responses].reverse() : responses).map((response) => response.sample);
        return order === 'reverse' ? read.reverse() : read;
      };
      expect(samplesOf(fast, 'reverse'), file).toEqual(samplesOf(full, 'forward'));
      for (const [name, resource] of full.resources) {
        const record = samplesOf(full, 'forward').find((sample) => sample !== null && typeof sample === 'object') ?? {};
        const lazy = fast.resources.get(name)!.validate;
        expect(lazy(record), `${file} ${name}`).toBe(resource.validate(record));
        expect(lazy.errors?.map((error) => error.instancePath), `${file} ${name}`).toEqual(resource.validate.errors?.map((error) => error.instancePath));
      }
    }
  });
});
