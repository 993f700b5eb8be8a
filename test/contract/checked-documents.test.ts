import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBundledContracts, writeCheckedDigests } from '../../src/contract/checked-build.ts';
import { documentDigest, isCheckedDocument, readCheckedDocuments, trustedDocuments } from '../../src/contract/checked-documents.ts';
import { ContractError } from '../../src/contract/errors.ts';
import { loadContractText } from '../../src/contract/load-text.ts';
import { loadContractFile } from '../../src/contract/load.ts';
import { CONTRACTS_DIR, FIXTURES_DIR, listBundledContractIds } from '../../src/contract/registry.ts';
import { parseContractSource, parsedContractSource } from '../../src/contract/source.ts';
import { loadFixtureSpec } from '../../src/seeder/load.ts';
import { parseFixtureSpec } from '../../src/seeder/spec.ts';

const bundled = listBundledContractIds().map((id) => {
  const file = join(CONTRACTS_DIR, `${id}.yaml`);
  return { file, text: readFileSync(file, 'utf8') };
});
const written = writeCheckedDigests(mkdtempSync(join(tmpdir(), 'harness-checked-')));
const checked = readCheckedDocuments(written);
const gameSessions = bundled.find(({ file }) => file.endsWith('game-sessions.yaml'))!;

describe('documents known to pass the structure and schema checks (written by the build)', () => {
  it('the build lists exactly the bundled contracts as they are now, each after a full load', () => {
    expect([...checked.digests].sort()).toEqual(bundled.map(({ text }) => documentDigest(text)).sort());
    const { documents } = JSON.parse(readFileSync(written, 'utf8')) as { documents: Record<string, string> };
    expect(Object.values(documents).sort()).toEqual(bundled.map(({ file }) => `contracts/${basename(file)}`).sort());
  });

  it('the build stops at a bundled contract that fails a check, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-contracts-'));
    writeFileSync(join(dir, 'game-sessions.yaml'), gameSessions.text.replace(/^info:/m, 'infox:'));
    expect(() => checkBundledContracts(dir)).toThrow(ContractError);
    expect(() => checkBundledContracts(dir)).toThrow(/game-sessions\.yaml/);
  });

  it('the build stops at a bundled contract with a parameter default its schema breaks (the trusted load skips that check)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-contracts-'));
    const broken = gameSessions.text.replace(/(minimum: 0, default: )(\d+)/, "$1'$2 items'");
    expect(broken).not.toBe(gameSessions.text);
    writeFileSync(join(dir, 'game-sessions.yaml'), broken);
    expect(() => checkBundledContracts(dir)).toThrow(/game-sessions\.yaml.*breaks its own schema/);
  });

  it('a checkout (sources run through tsx, no build output beside them) trusts no text: everything is checked', () => {
    expect(trustedDocuments().digests.size).toBe(0);
    expect(isCheckedDocument(gameSessions.text)).toBe(false);
  });

  it('a missing or malformed digests file trusts nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-checked-'));
    expect(readCheckedDocuments(join(dir, 'none.json')).digests.size).toBe(0);
    writeFileSync(join(dir, 'bad.json'), '{"documents": ["abc"]}');
    expect(readCheckedDocuments(join(dir, 'bad.json')).digests.size).toBe(0);
    writeFileSync(join(dir, 'short.json'), '{"documents": {"abc": "contracts/x.yaml"}, "parsed": {"abc": "{}"}}');
    expect(readCheckedDocuments(join(dir, 'short.json')).digests.size).toBe(0);
    expect(readCheckedDocuments(join(dir, 'short.json')).parsed.size).toBe(0);
  });

  it('a listed text skips the structure check; the same text unlisted is checked', async () => {
    // A structure error the build would have refused: listing it shows the check is really skipped.
    const dir = mkdtempSync(join(tmpdir(), 'harness-listed-'));
    const file = join(dir, 'game-sessions.yaml');
    const text = `${gameSessions.text}\nunexpectedTopLevelKey: 1\n`;
    writeFileSync(file, text);
    await expect(loadContractFile(file)).rejects.toThrow(/OpenAPI 3\.1: /);
    const listed = await loadContractFile(file, { checked: { digests: new Set([documentDigest(text)]), parsed: new Map() } });
    expect(listed.operations.length).toBeGreaterThan(0);
  });

  it('a listed text skips the harness vocabulary check too; the same text unlisted is checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-listed-'));
    const file = join(dir, 'game-sessions.yaml');
    const text = `${gameSessions.text}\nx-harnes: 1\n`;
    writeFileSync(file, text);
    await expect(loadContractFile(file)).rejects.toThrow(/x-harnes/);
    const listed = await loadContractFile(file, { checked: { digests: new Set([documentDigest(text)]), parsed: new Map() } });
    expect(listed.operations.length).toBeGreaterThan(0);
  });

  it('any other text is checked in full: one changed key of a listed contract is still reported', async () => {
    const broken = gameSessions.text.replace(/^info:/m, 'infox:');
    expect(isCheckedDocument(broken, checked)).toBe(false);
    expect(isCheckedDocument(gameSessions.text, checked)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'harness-changed-'));
    mkdirSync(join(dir, 'contracts'));
    const file = join(dir, 'contracts', 'game-sessions.yaml');
    writeFileSync(file, broken);
    await expect(loadContractFile(file, { checked })).rejects.toThrow(ContractError);
    await expect(loadContractFile(file, { checked })).rejects.toThrow(/OpenAPI 3\.1: /);
  });

  it('the build keeps each checked document parsed (JSON); its lines are read from the YAML only when asked for', () => {
    for (const { file, text } of bundled) {
      const json = checked.parsed.get(documentDigest(text));
      expect(json, file).toBeDefined();
      const yaml = parseContractSource(file, text);
      const fromJson = parsedContractSource(file, text, json!);
      expect(fromJson.data, file).toEqual(yaml.data);
      for (const pointer of ['/info', '/paths', '/components/schemas', '/nowhere']) expect(fromJson.lineOf(pointer), `${file} ${pointer}`).toBe(yaml.lineOf(pointer));
    }
  });

  it('a listed text is built from its parsed form: what the build kept is what the loader uses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-parsed-'));
    const file = join(dir, 'game-sessions.yaml');
    writeFileSync(file, gameSessions.text);
    const digest = documentDigest(gameSessions.text);
    const data = JSON.parse(checked.parsed.get(digest)!) as { info: { title: string } };
    data.info.title = 'Kept by the build';
    const model = await loadContractFile(file, { checked: { digests: new Set([digest]), parsed: new Map([[digest, JSON.stringify(data)]]) } });
    expect(model.title).toBe('Kept by the build');
  });

  it('the build keeps each bundled fixtures file parsed; loading it gives the spec the YAML gives, with its lines', async () => {
    for (const id of listBundledContractIds()) {
      const file = join(FIXTURES_DIR, `${id}.yaml`);
      const text = readFileSync(file, 'utf8');
      expect(checked.fixtures?.has(documentDigest(text)), file).toBe(true);
      expect(await loadFixtureSpec(file, checked), file).toEqual(parseFixtureSpec(file, text));
      expect(await loadFixtureSpec(file), file).toEqual(parseFixtureSpec(file, text));
    }
    // What the build kept is what is used: a changed copy is parsed from its text.
    const text = readFileSync(join(FIXTURES_DIR, 'game-sessions.yaml'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'harness-fixtures-'));
    writeFileSync(join(dir, 'kept.yaml'), text);
    const kept = JSON.parse(checked.fixtures!.get(documentDigest(text))!) as { resources: Record<string, { count?: number }> };
    kept.resources.session!.count = 99;
    const swapped = { ...checked, fixtures: new Map([[documentDigest(text), JSON.stringify(kept)]]) };
    expect((await loadFixtureSpec(join(dir, 'kept.yaml'), swapped))?.resources.session?.count).toBe(99);
    writeFileSync(join(dir, 'changed.yaml'), text.replace('count: 12', 'count: 7'));
    expect((await loadFixtureSpec(join(dir, 'changed.yaml'), swapped))?.resources.session?.count).toBe(7);
  });

  it('a listed text builds the same model: the same warnings, validators compiled on first use, the same response samples', async () => {
    for (const { file, text } of bundled) {
      const fast = await loadContractFile(file, { checked });
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
