// Starts an explain_change analysis thread: the thread has no TypeScript loader of its own (the CLI's tsx
// hooks stay on the main thread), so it registers tsx and then loads worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
