/** Where a command writes; tests pass buffers, the binary passes process streams. */
export interface CommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Environment variables the command reads; `process.env` when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where relative paths and the config file search start; `process.cwd()` when absent. */
  readonly cwd?: string;
}

/** Exit codes shared by every command: scripts and CI depend on them. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
