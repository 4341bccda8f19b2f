// An audit segment worker thread: a composition root of its own (.dependency-cruiser.cjs). It opens
// the gateway's store by its URL (a second SQLite connection in WAL mode, or its own small PostgreSQL
// pool), then takes segments of the audit chain from the counter it shares with the main thread and
// hands each one's summary over (src/audit/chain-segment.ts, parallel-chain-walk.ts) until no segment
// is needed, and closes its store. Started by verify-segments-in-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { GatewayError } from '../kernel/gateway-error.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { walkTakenSegments, type SegmentWorkerInput, type SegmentWorkerMessage } from '../audit/chain-segment.ts';

const port = parentPort;
if (port === null) throw new GatewayError('internal', { detail: 'audit-segment-worker.ts runs as a worker thread only' });
const input = workerData as SegmentWorkerInput;
const say = (message: SegmentWorkerMessage): void => {
  port.postMessage(message);
};
let store: Store | undefined;
try {
  store = await openStore(input.storeUrl);
  say({ kind: 'ready' });
  await walkTakenSegments(store, new Int32Array(input.control), { pageSize: input.pageSize, segmentSize: input.segmentSize, watch: new Set(input.watch) }, (index, summary) => {
    say({ kind: 'segment', index, summary });
  });
} catch (err) {
  // The error's message only: the store's errors name no payload, and a stack means nothing to the caller.
  say({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
} finally {
  await store?.close();
}
