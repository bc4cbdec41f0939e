import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { findDrift, SchemaFileError } from "@/lib/db/drift";
import { createTestDatabase } from "../fixtures/database";

const SCHEMA = "prisma/schema.prisma";

async function run(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A copy of schema.prisma with each [from, to] replaced once (failing loudly if `from` is gone). */
function editedSchema(edits: [string | RegExp, string][]): string {
  let text = readFileSync(SCHEMA, "utf8");
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`schema.prisma no longer contains ${String(from)}`);
    text = next;
  }
  const file = path.join(mkdtempSync(path.join(tmpdir(), "drift-")), "schema.prisma");
  writeFileSync(file, text);
  return file;
}

describe("findDrift", () => {
  it("finds none between prisma/migrations and schema.prisma", async () => {
    const url = await createTestDatabase();
    expect(await findDrift(url, SCHEMA)).toEqual([]);
  });

  it("reports each change made to the database behind the migrations' back, naming table and column or index", async () => {
    const url = await createTestDatabase();
    await run(url, [
      `ALTER TABLE "User" DROP COLUMN "lastSignInAt"`,
      `ALTER TABLE "User" ADD COLUMN "nickname" TEXT`,
      `CREATE INDEX "User_name_idx" ON "User"("name")`,
      `ALTER TABLE "Organization" ALTER COLUMN "name" DROP NOT NULL`,
      `ALTER TABLE "RateLimit" ALTER COLUMN "count" SET DEFAULT 1`,
      `ALTER TABLE "AuditLog" ALTER COLUMN "metadata" DROP DEFAULT`,
      `ALTER TABLE "AuditLog" ALTER COLUMN "action" TYPE VARCHAR(100)`,
      `ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey"`,
      `ALTER TABLE "Account" DROP CONSTRAINT "Account_userId_fkey"`,
      `ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE NO ACTION ON UPDATE CASCADE`,
      `DROP INDEX "Account_provider_providerAccountId_key"`,
      `CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider")`,
      `ALTER TYPE "ApprovalMode" ADD VALUE 'sometimes'`,
      `CREATE TYPE "Color" AS ENUM ('red')`,
      `CREATE TABLE "Stray" ("id" INTEGER NOT NULL)`,
      `ALTER TABLE "RateLimit" DROP CONSTRAINT "RateLimit_pkey"`,
    ]);

    expect(sorted(await findDrift(url, SCHEMA))).toEqual(
      sorted([
        `enum "ApprovalMode": value "sometimes" is in the database but not in schema.prisma`,
        `enum "Color" is in the database but not in schema.prisma`,
        `column "Organization"."name": NOT NULL in schema.prisma, nullable in the database`,
        `column "User"."lastSignInAt" is in schema.prisma but not in the database`,
        `column "User"."nickname" is in the database but not in schema.prisma`,
        `index "User_name_idx" on "User" (name) is in the database but not in schema.prisma`,
        `foreign key "Membership_userId_fkey" on "Membership" (userId) -> "User" (id) ON DELETE Cascade ON UPDATE Cascade is in schema.prisma but not in the database`,
        `index "Account_provider_providerAccountId_key" on "Account": (provider, providerAccountId) unique btree in schema.prisma, (provider) unique btree in the database`,
        `foreign key "Account_userId_fkey" on "Account" (userId): -> "User" (id) ON DELETE Cascade ON UPDATE Cascade in schema.prisma, -> "User" (id) ON DELETE NoAction ON UPDATE Cascade in the database`,
        `table "RateLimit": primary key: "RateLimit_pkey" (key) in schema.prisma, none in the database`,
        `column "RateLimit"."count": default 0 in schema.prisma, default 1 in the database`,
        `column "AuditLog"."action": type text in schema.prisma, type character varying(100) in the database`,
        `column "AuditLog"."metadata": default '{}' in schema.prisma, no default in the database`,
        `table "Stray" is in the database but not in schema.prisma`,
      ]),
    );
  });

  it("reports what an edited schema.prisma asks for that the migrations do not create", async () => {
    const url = await createTestDatabase();
    const schema = editedSchema([
      ["  approvalMode ApprovalMode @default(manual)\n", '  approvalMode ApprovalMode @default(manual)\n  timezone     String       @default("UTC")\n'],
      [/email +String +@unique/, "email String"],
      ["  @@index([createdAt])\n", "  @@index([createdAt(sort: Desc)])\n"],
      ["  automatic\n  manual\n", "  automatic\n  manual\n  sometimes\n"],
      ["model RateLimit {", 'model RateLimit {\n  @@map("rate_limits")'],
      [
        "user User @relation(fields: [userId], references: [id], onDelete: Cascade)\n\n  @@unique([provider",
        "user User @relation(fields: [userId], references: [id])\n\n  @@unique([provider",
      ],
    ]);

    expect(sorted(await findDrift(url, schema))).toEqual(
      sorted([
        `column "Organization"."timezone" is in schema.prisma but not in the database`,
        `unique index "User_email_key" on "User" (email) is in the database but not in schema.prisma`,
        `index "AuditLog_createdAt_idx" on "AuditLog": (createdAt DESC) btree in schema.prisma, (createdAt) btree in the database`,
        `enum "ApprovalMode": value "sometimes" is in schema.prisma but not in the database`,
        `table "rate_limits" is in schema.prisma but not in the database`,
        `table "RateLimit" is in the database but not in schema.prisma`,
        `foreign key "Account_userId_fkey" on "Account" (userId): -> "User" (id) ON DELETE Restrict ON UPDATE Cascade in schema.prisma, -> "User" (id) ON DELETE Cascade ON UPDATE Cascade in the database`,
      ]),
    );
  });

  it("names the schema file and Prisma's own error when schema.prisma is invalid", async () => {
    const url = await createTestDatabase();
    const schema = editedSchema([["model RateLimit {", "model RateLimit {\n  broken Nope"]]);
    await expect(findDrift(url, schema)).rejects.toThrow(SchemaFileError);
    await expect(findDrift(url, schema)).rejects.toThrow(/schema\.prisma cannot be read: .*Type "Nope" is neither a built-in type/s);
  });
});

function sorted(lines: string[]): string[] {
  return [...lines].sort((a, b) => a.localeCompare(b));
}
