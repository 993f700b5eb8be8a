import { afterAll, beforeAll } from 'vitest';
import type { ContractModel } from '../../../src/contract/model.ts';
import { loadContract } from '../../../src/contract/registry.ts';
import { startMockServer, type MockServer } from '../../../src/mock/server.ts';

/**
 * A client of one vendor API as its documentation describes it: plain fetch calls with the headers the
 * vendor's pages show, nothing taken from the harness but the base URL. The vendor-*.test.ts files use it.
 */
export interface VendorReply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: any;
}

export interface VendorApi {
  contract(): ContractModel;
  /** The mount's base URL, e.g. `http://127.0.0.1:PORT/gigs-connect-sessions`. */
  base(): string;
  call(method: string, path: string, options?: { headers?: Record<string, string>; json?: unknown; raw?: string }): Promise<VendorReply>;
  /** Moves the mock's clock (a control route), e.g. `72h`. */
  advanceClock(by: string): Promise<void>;
}

/** Starts the mock of one bundled contract for the file and closes it after. */
export function vendorApi(contractId: string): VendorApi {
  let contract: ContractModel;
  let server: MockServer;
  beforeAll(async () => {
    contract = await loadContract(contractId);
    server = await startMockServer({ contracts: [contract], port: 0 });
  });
  afterAll(() => server.close());

  const base = () => server.mounts[0].url;
  async function call(method: string, path: string, options: { headers?: Record<string, string>; json?: unknown; raw?: string } = {}): Promise<VendorReply> {
    const headers: Record<string, string> = { ...options.headers };
    let body = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(base() + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try { parsed = text === '' ? undefined : JSON.parse(text); } catch { parsed = text; }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }
  async function advanceClock(by: string): Promise<void> {
    const reply = await call('POST', '/__harness/clock', { json: { advance: by } });
    if (reply.status !== 200) throw new Error(`clock: ${reply.status} ${reply.text}`);
  }
  return { contract: () => contract, base, call, advanceClock };
}

/** The keys of an error body that are not among the documented ones. */
export function undocumentedKeys(body: unknown, documented: readonly string[]): string[] {
  return Object.keys(body as object).filter((key) => !documented.includes(key));
}
