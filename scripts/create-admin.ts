import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { emailSchema, newPasswordSchema } from "@/lib/validation";
import { createPrismaClient } from "@/lib/db/client";
import { upsertUser } from "@/prisma/seed";
import { loadEnv, prepareDatabase, run, say } from "./runtime";

/**
 * Makes (or promotes) a vendor admin: `npm run admin:create -- --email a@b.c [--name N] [--password P]`.
 * Without --password a strong one is generated and printed once.
 */
run(async () => {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } } });
  const input = z
    .object({ email: emailSchema, name: z.string().trim().min(1).default("Vendor admin"), password: newPasswordSchema.optional() })
    .safeParse(values);
  if (!input.success)
    throw new Error(`usage: npm run admin:create -- --email <address> [--name <name>] [--password <at least 12 characters>]\n${z.prettifyError(input.error)}`);
  const password = input.data.password ?? randomBytes(18).toString("base64url");

  const database = await prepareDatabase(loadEnv());
  const db = createPrismaClient(database.url);
  try {
    const user = await upsertUser(db, { email: input.data.email, name: input.data.name, password, role: "admin" });
    await db.auditLog.create({ data: { actorType: "system", action: "user.made_admin", targetType: "user", targetId: user.id, metadata: { via: "cli" } } });
    say(`vendor admin ${user.email} is ready${input.data.password ? "" : `; password: ${password}`}`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
