import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundledContracts, writeCheckedDigests } from '../../src/contract/checked-build.ts';
import { documentDigest, isCheckedDocument, readCheckedDigests, trustedDigests } from '../../src/contract/checked-documents.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { loadContractText } from '../../src/contract/load-text.ts';
import { loadContractFile } from '../../src/contract/load.ts';
import { CONTRACTS_DIR, listBundledContractIds } from '../../src/contract/registry.ts';

const bundled = listBundledContractIds().map((id) => {
  const file = join(CONTRACTS_DIR, `${id}.yaml`);
  return { file, text: readFileSync(file, 'utf8') };
});
const written = writeCheckedDigests(mkdtempSync(join(tmpdir(), 'harness-checked-')));
const digests = readCheckedDigests(written);
const gameSessions = bundled.find(({ file }) => file.endsWith('game-sessions.yaml'))!;

describe('documents known to pass the structure and schema checks (written by the build)', () => {
  it('the build lists exactly the bundled contracts as they are now, each after a full load', () => {
    expect([...digests].sort()).toEqual(bundled.map(({ text }) => documentDigest(text)).sort());
    const { documents } = JSON.parse(readFileSync(written, 'utf8')) as { documents: Record<string, string> };
    expect(Object.values(documents).sort()).toEqual(bundled.map(({ file }) => `contracts/${basename(file)}`).sort());
  });

  it('the build stops at a bundled contract that fails a check, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-contracts-'));
    writeFileSync(join(dir, 'game-sessions.yaml'), gameSessions.text.replace(/^info:/m, 'infox:'));
    expect(() => checkBundledContracts(dir)).toThrow(ContractError);
    expect(() => checkBundledContracts(dir)).toThrow(/game-sessions\.yaml/);
  });

  it('a checkout (sources run through tsx, no build output beside them) trusts no text: everything is checked', () => {
    expect(trustedDigests().size).toBe(0);
    expect(isCheckedDocument(gameSessions.text)).toBe(false);
  });

  it('a missing or malformed digests file trusts nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-checked-'));
    expect(readCheckedDigests(join(dir, 'none.json')).size).toBe(0);
    writeFileSync(join(dir, 'bad.json'), '{"documents": ["abc"]}');
    expect(readCheckedDigests(join(dir, 'bad.json')).size).toBe(0);
    writeFileSync(join(dir, 'short.json'), '{"documents": {"abc": "contracts/x.yaml"}}');
    expect(readCheckedDigests(join(dir, 'short.json')).size).toBe(0);
  });

  it('a listed text skips the structure check; the same text unlisted is checked', async () => {
    // A structure error the build would have refused: listing it shows the check is really skipped.
    const dir = mkdtempSync(join(tmpdir(), 'harness-listed-'));
    const file = join(dir, 'game-sessions.yaml');
    const text = `${gameSessions.text}\nunexpectedTopLevelKey: 1\n`;
    writeFileSync(file, text);
    await expect(loadContractFile(file)).rejects.toThrow(/OpenAPI 3\.1: /);
    const listed = await loadContractFile(file, { checkedDigests: new Set([documentDigest(text)]) });
    expect(listed.operations.length).toBeGreaterThan(0);
  });

  it('any other text is checked in full: one changed key of a listed contract is still reported', async () => {
    const broken = gameSessions.text.replace(/^info:/m, 'infox:');
    expect(isCheckedDocument(broken, digests)).toBe(false);
    expect(isCheckedDocument(gameSessions.text, digests)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'harness-changed-'));
    mkdirSync(join(dir, 'contracts'));
    const file = join(dir, 'contracts', 'game-sessions.yaml');
    writeFileSync(file, broken);
    await expect(loadContractFile(file, { checkedDigests: digests })).rejects.toThrow(ContractError);
    await expect(loadContractFile(file, { checkedDigests: digests })).rejects.toThrow(/OpenAPI 3\.1: /);
  });

  it('a listed text builds the same model: the same warnings, validators compiled on first use, the same response samples', async () => {
    for (const { file, text } of bundled) {
      const fast = await loadContractFile(file, { checkedDigests: digests });
      const full = loadContractText(file, text);
      expect(fast.operations.map((operation) => operation.id), file).toEqual(full.operations.map((operation) => operation.id));
      expect(fast.warnings, file).toEqual(full.warnings);
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
