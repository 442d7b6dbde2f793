// Entry of a chart worker thread (chart-pool.ts). A worker does not inherit
// the TypeScript loader of the thread that starts it, so it registers tsx
// itself before it loads the worker's TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./chart-worker.ts');
