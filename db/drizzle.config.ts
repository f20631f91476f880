import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema only; both drivers apply the same folder at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
