import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export const TEMPLATE_DB = "privatelink_template";

export function serverUrl(): string {
  return inject("pgServerUrl");
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${serverUrl()}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database; migrated (a clone of the template) unless `empty`. Returns its URL. */
export async function createTestDatabase({ empty = false } = {}): Promise<string> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}${empty ? "" : ` TEMPLATE ${TEMPLATE_DB}`}`));
  return `${serverUrl()}/${name}`;
}
