import { parseContractSource } from '../../../src/contract/source.ts';

/**
 * Run in a child process by yaml-limits.test.ts (a quadratic parse is synchronous: only a kill bounds it).
 * Parses 100k keys (~1.2 MB) whose last key repeats the first, and prints the problem reported.
 */
const lines = ['openapi: 3.1.0', 'x-big:'];
for (let i = 0; i < 100_000; i++) lines.push(`  k${i}: ${i}`);
lines.push('  k0: again');
const text = lines.join('\n');
try {
  parseContractSource('big.yaml', text);
  process.stdout.write('{"parsed": true}\n');
} catch (error) {
  process.stdout.write(`${JSON.stringify({ chars: text.length, message: (error as Error).message })}\n`);
}
