// The entry of an audit segment worker thread (audit-segment-worker.ts): the sources are TypeScript
// run by tsx (as bin/ does), and a worker thread does not inherit the main thread's loader, so it
// registers its own.
import { register } from 'tsx/esm/api';

register();
await import('./audit-segment-worker.ts');
