import type { ServerResponse } from 'node:http';
import type { EngineResponse } from './engine/exchange.ts';
import { writeNodeResponse, type NodeEngineRequest } from './node-request.ts';

/**
 * When the server is busy, answers are written together once the event loop's poll phase has handed over
 * every request it read, instead of one by one between reads. A write to a client that sleeps wakes it,
 * and on a virtual machine that wake-up costs the writer more than the write itself: written one by one,
 * every answer of a loaded server paid it. The first answer of each loop turn is still written at once,
 * so a server with one request at a time answers as soon as it can; the answers that follow it in the
 * same turn wait for the turn's check phase (`setImmediate`), by which time the client is awake.
 * BENCHMARKS.md has the measure (fourth and fifth sessions).
 *
 * @example
 * const batch = new ResponseBatch();
 * batch.add(res, engine.answer(request), request);
 */
export class ResponseBatch {
  private pending: Array<{ res: ServerResponse; response: EngineResponse; request: NodeEngineRequest }> = [];
  private turnStarted = false;

  add(res: ServerResponse, response: EngineResponse, request: NodeEngineRequest): void {
    if (this.turnStarted) {
      this.pending.push({ res, response, request });
      return;
    }
    this.turnStarted = true;
    setImmediate(this.endTurn);
    write(res, response, request);
  }

  private readonly endTurn = (): void => {
    this.turnStarted = false;
    const pending = this.pending;
    this.pending = [];
    for (const { res, response, request } of pending) write(res, response, request);
  };
}

/** One answer that cannot be written (a bug of ours) ends its own connection, not the others' in the batch. */
function write(res: ServerResponse, response: EngineResponse, request: NodeEngineRequest): void {
  try {
    writeNodeResponse(res, response, request);
  } catch (error) {
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
