// drizzle-kit reads the schema and writes the SQL migrations into ./drizzle (`pnpm db:generate`).
// The folder ships with the package: openDatabase() applies it on every start.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
