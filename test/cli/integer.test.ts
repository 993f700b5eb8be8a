import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/cli/check.ts';
import { parseIntegerFlag } from '../../src/cli/integer.ts';
import { UsageError } from '../../src/cli/io.ts';

describe('parseIntegerFlag', () => {
  it('reads decimal integers within the range, bounds included', () => {
    expect(parseIntegerFlag('--port', '4010', 0, 65535)).toBe(4010);
    expect(parseIntegerFlag('--port', '0', 0, 65535)).toBe(0);
    expect(parseIntegerFlag('--port', '65535', 0, 65535)).toBe(65535);
    expect(parseIntegerFlag('--seed', ' 7 ', 0, 10)).toBe(7);
    expect(parseIntegerFlag('--seed', '007', 0, 10)).toBe(7);
  });

  it.each(['', ' ', 'abc', '1.5', '1e3', '0x10', '-1', '+1', '65536', '1_000', '9007199254740993'])('refuses %j with a UsageError naming the flag and range', (raw) => {
    expect(() => parseIntegerFlag('--port', raw, 0, 65535)).toThrow(UsageError);
    expect(() => parseIntegerFlag('--port', raw, 0, 65535)).toThrow(`--port must be an integer from 0 to 65535, got "${raw}".`);
  });

  it('is what harness check uses: --timeout 1e3 is a usage error', async () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    const code = await runCheckCommand(['--contract', 'game-sessions', '--base-url', 'http://127.0.0.1:9', '--timeout', '1e3'], { stdout: new PassThrough(), stderr });
    expect(code).toBe(2);
    expect(text).toContain('--timeout must be an integer from 1 to 3600000, got "1e3".');
  });
});
