// The statistics worker thread: a composition root of its own (.dependency-cruiser.cjs). It opens the
// gateway's store by its URL (a second SQLite connection in WAL mode, or its own small PostgreSQL
// pool), reads the care-path history, computes the waiting-time tables with their suppression and
// publishes them sorted and serialised (src/statistics/published-tables.ts), then hands the buffers to
// the main thread without copying and closes. Seconds of work over 100,000 care paths that would
// otherwise stop the gateway's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { GatewayError } from '../kernel/gateway-error.ts';
import { openStore } from '../store/open-store.ts';
import { createTermResolver, type CarePathTermSettings } from '../care-path/care-path-terms.ts';
import { waitingTimeTables } from '../statistics/waiting-times.ts';
import { publishTables, transferablesOf } from '../statistics/published-tables.ts';
import type { StatisticsWorkerInput, StatisticsWorkerOutput } from './statistics-worker-protocol.ts';

async function compute(input: StatisticsWorkerInput): Promise<StatisticsWorkerOutput> {
  const store = await openStore(input.storeUrl);
  try {
    const history = await store.carePathHistory();
    const terms = createTermResolver(input.termSettings as CarePathTermSettings);
    return { ok: true, tables: publishTables(waitingTimeTables(history, terms, input.threshold)) };
  } finally {
    await store.close();
  }
}

const port = parentPort;
if (port === null) throw new GatewayError('internal', { detail: 'statistics-worker.ts runs as a worker thread only' });
try {
  const output = await compute(workerData as StatisticsWorkerInput);
  if (output.ok) port.postMessage(output, transferablesOf(output.tables));
} catch (err) {
  // The error's message only: the store's errors name no payload, and a stack means nothing to the caller.
  const output: StatisticsWorkerOutput = { ok: false, message: err instanceof Error ? err.message : String(err) };
  port.postMessage(output);
}
