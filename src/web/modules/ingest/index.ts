// Event ingest as the console sees it: the dead letters (rejected events kept as received). Ingest itself
// is done by source systems through the API.
export { ingestRoutes } from './ingest.routes.ts';
