// A worker thread of the prepare pool: takes chunks of NDJSON lines, answers each with prepareLines'
// columns, handing its COPY buffers over instead of copying them.
import { parentPort } from 'node:worker_threads';
import { prepareLines, type LinesJob } from './prepare-lines.ts';

parentPort!.on('message', (msg: { job: number; work: LinesJob }) => {
  try {
    const result = prepareLines(msg.work);
    const transfer = result.copy ? [result.copy.events.buffer, result.copy.ids.buffer] : [];
    parentPort!.postMessage({ job: msg.job, result }, transfer as ArrayBuffer[]);
  } catch (e) {
    parentPort!.postMessage({ job: msg.job, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort!.postMessage({ ready: true });
