import type { Reporter, RunEvent } from '../runner/events.ts';
import { RunCollector, type RunRecord } from './collect.ts';
import { writeReportFile } from './write-file.ts';

/**
 * A reporter that collects every run and writes one file on close (once, however often close is called).
 *
 * @example
 * createFileReporter('reports/x.txt', (runs) => `${runs.length} runs\n`);
 */
export function createFileReporter(path: string, render: (runs: readonly RunRecord[]) => string): Reporter {
  const collector = new RunCollector();
  let closed: Promise<string[]> | undefined;
  return {
    onEvent(event: RunEvent): void {
      if (!closed) collector.add(event);
    },
    close(): Promise<string[]> {
      closed ??= (async () => {
        await writeReportFile(path, render(collector.runs));
        return [path];
      })();
      return closed;
    },
  };
}
