import { defineConfig } from 'drizzle-kit';

// Tables are declared next to the module that owns them (`*.tables.ts`); the month-partitioned
// event store is written by hand as a custom migration, since drizzle-kit does not model partitions.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/**/*.tables.ts',
  out: './migrations',
});
