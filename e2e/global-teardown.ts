// Drops the throwaway PostgreSQL database of the Temporal-backed app (see playwright.config.ts).
import { dropTestDatabase } from '@beluga/testkit';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.E2E_TEMPORAL_DATABASE_URL;
  if (url?.startsWith('postgres')) await dropTestDatabase(url);
}
