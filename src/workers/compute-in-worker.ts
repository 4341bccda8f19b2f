// Runs one computation of the waiting-time tables in a worker thread (statistics-worker.ts) and
// resolves with the tables it hands over. A worker per computation: refreshes are minutes apart, and a
// thread that is gone holds no store connection and no memory between them.
import { Worker } from 'node:worker_threads';
import { GatewayError } from '../kernel/gateway-error.ts';
import type { ComputeTables } from '../statistics/waiting-time-statistics.ts';
import type { StatisticsWorkerInput, StatisticsWorkerOutput } from './statistics-worker-protocol.ts';

export function computeInWorker(input: StatisticsWorkerInput): ComputeTables {
  return () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./statistics-worker.mjs', import.meta.url), { workerData: input });
      let settled = false;
      worker.once('message', (output: StatisticsWorkerOutput) => {
        settled = true;
        if (output.ok) resolve(output.tables);
        // The worker's error text goes to the log (as the cause), never into the answer.
        else reject(new GatewayError('store-unavailable', { detail: 'the waiting-time statistics could not be computed; try again later', cause: new Error(output.message) }));
      });
      worker.once('error', (err) => {
        if (settled) return;
        settled = true;
        reject(new GatewayError('internal', { detail: 'the statistics worker failed', cause: err }));
      });
      worker.once('exit', (code) => {
        if (settled) return;
        settled = true;
        reject(new GatewayError('internal', { detail: `the statistics worker stopped (exit code ${code}) without an answer` }));
      });
    });
}
