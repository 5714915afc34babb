// The store's sequence numbers come in blocks: each number the events_seq sequence hands out is the first
// of SEQ_BLOCK (it counts by SEQ_BLOCK since migration 0017), so a block of an NDJSON body takes one
// number for thousands of events and a worker numbers its lines itself. The numbers order the events as
// they were received; gaps between them mean nothing.
export const SEQ_BLOCK = 8192;

/** the i-th number of the blocks whose first numbers are `bases` */
export const seqAt = (bases: readonly number[], i: number): number => bases[Math.floor(i / SEQ_BLOCK)] + (i % SEQ_BLOCK);
