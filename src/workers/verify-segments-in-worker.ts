// Starts the worker thread of a parallel audit-chain walk (src/audit/parallel-chain-walk.ts) and ends
// it: a thread per walk, so nothing (no thread, no store connection) is left between walks.
import { Worker } from 'node:worker_threads';
import type { ParallelChainWalk } from '../audit/audit-log.ts';
import type { SegmentWorkerMessage, StartSegmentWorker } from '../audit/chain-segment.ts';
import { GatewayError } from '../kernel/gateway-error.ts';
import { isMemoryStoreUrl } from '../store/open-store.ts';

/** How long a worker told to stop may take to close its store before it is terminated. */
const endGraceMs = 5_000;

export const startSegmentWorker: StartSegmentWorker = (input, onMessage, onGone) => {
  const worker = new Worker(new URL('./audit-segment-worker.mjs', import.meta.url), { workerData: input });
  let ready = false;
  let ending = false;
  let failed: Error | undefined;
  worker.on('message', (message: SegmentWorkerMessage) => {
    if (message.kind === 'ready') ready = true;
    onMessage(message);
  });
  worker.on('error', (error) => {
    failed = error;
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      // Stopped by end(): not a failure. An uncaught error ('error' before 'exit') or another exit code is.
      onGone(ending ? undefined : failed === undefined ? (code === 0 ? undefined : new GatewayError('internal', { detail: `the audit segment worker stopped (exit code ${code})` })) : new GatewayError('internal', { detail: 'the audit segment worker failed', cause: failed }));
      resolve();
    });
  });
  return {
    async end() {
      ending = true;
      // Still starting (its loader and store): it holds nothing worth closing, and waiting for its
      // start-up would only delay the answer.
      if (!ready) {
        await worker.terminate();
        await exited;
        return;
      }
      // Told by the shared counter that no segment is needed, it closes its store and stops.
      const timer = setTimeout(() => void worker.terminate(), endGraceMs);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** The parallel walk for a store URL: none for a store in memory, which no other thread can open. */
export function auditVerifyInWorker(storeUrl: string, onWorkerError?: (error: Error) => void): ParallelChainWalk | undefined {
  return isMemoryStoreUrl(storeUrl) ? undefined : { storeUrl, startWorker: startSegmentWorker, ...(onWorkerError !== undefined ? { onWorkerError } : {}) };
}
