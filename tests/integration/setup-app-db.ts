import { afterAll, beforeAll } from "vitest";
import { getDb, type Db } from "@/lib/db/client";
import { createTestDatabase } from "./db";

/**
 * Gives the test file its own migrated database and points the app's `getDb()` at it, so verbs
 * and route handlers run exactly as in the server. Call at the top of a test file.
 */
export function withAppDatabase(): () => Db {
  beforeAll(async () => {
    process.env.DATABASE_URL = await createTestDatabase();
    process.env.LOG_LEVEL = "silent";
  });
  afterAll(async () => {
    await getDb().$disconnect();
  });
  return getDb;
}
