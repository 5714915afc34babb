// A worker thread of the ingest prepare pool: answers each block with prepareLines' columns, handing its
// COPY buffers over instead of copying them.
import { serveJobs } from '../../platform/workers.ts';
import { prepareLines } from './prepare-lines.ts';

serveJobs(prepareLines, (result) => (result.copy ? [result.copy.events.buffer as ArrayBuffer, result.copy.ids.buffer as ArrayBuffer] : []));
