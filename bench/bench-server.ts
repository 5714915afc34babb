// The server as `bihuan start` runs it; with --no-listeners, without what hangs on ingest (on-arrival
// detection, notifications), so the benchmark can measure the ingest path alone; with --no-group, every
// post commits in a transaction of its own, for comparison with group commit.
import { startServer } from '../src/server/main.ts';
import { readSettings } from '../src/server/platform/settings.ts';

const running = await startServer(readSettings());
if (process.argv.includes('--no-listeners')) running.platform.ingest.detachListeners();
if (process.argv.includes('--no-group')) running.platform.ingest.groupBodyEvents = 0;
const stop = () => {
  running.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
