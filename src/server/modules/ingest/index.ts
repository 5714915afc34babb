// Owns the ingest contract (events.md): validation, the append-only event store, idempotency by event
// id, and dead letters. Other modules learn of new events through IngestService.onAccepted.
export { IngestService, type IngestSummary, type AcceptedListener, type AcceptedEvent, type CommittingListener } from './ingest.service.ts';
export { ingestRoutes, NDJSON_TYPES } from './ingest.routes.ts';
export { findEvents, type StoredEvent } from './ingest.repository.ts';
export { preparePool } from './prepare-pool.ts';
