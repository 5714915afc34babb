// How the benchmarks set up what they measure. Where they find PostgreSQL: BENCH_PG_URL, else the local server through its Unix socket when
// there is one (as a server on the same machine should connect: the socket costs less per statement than
// loopback TCP), else 127.0.0.1:5432. Each benchmark prints which one it used.
import fs from 'node:fs';

const SOCKET_DIR = '/var/run/postgresql';

export function benchPgUrl(): string {
  if (process.env.BENCH_PG_URL) return process.env.BENCH_PG_URL;
  if (fs.existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`)) return `postgres://postgres@localhost/postgres?host=${SOCKET_DIR}`;
  return 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** how a connection string reaches the server, for the benchmark's header */
export function pgVia(url: string): string {
  const u = new URL(url);
  const host = u.searchParams.get('host');
  return host ? `PostgreSQL over the Unix socket in ${host}` : `PostgreSQL over TCP at ${u.host}`;
}

/** the node flags `npm start` gives the server (package.json), for server processes a benchmark starts */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
