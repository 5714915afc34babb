// A worker thread of the case-judging pool (case-judging.ts).
import { serveJobs } from '../../platform/workers.ts';
import { judgeCases } from './case-judging.ts';

serveJobs(judgeCases);
