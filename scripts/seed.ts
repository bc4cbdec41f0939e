import { createPrismaClient } from "@/lib/db/client";
import { revokeDocumentedDemoSecrets, seedDemoData } from "@/prisma/seed";
import { demoSeedPlan, installationDemoSecrets } from "./demo-secrets";
import { loadEnv, prepareDatabase, run, say, writeDataFile } from "./runtime";

/** `npm run db:seed`: the demo data with this installation's own secrets (scripts/demo-secrets.ts), on loopback only. */
run(async () => {
  const env = loadEnv();
  const plan = demoSeedPlan({ mode: "seed", host: env.HOST, isEmbedded: !env.DATABASE_URL });
  const database = await prepareDatabase(env);
  const db = createPrismaClient(database.url);
  try {
    if (!plan.seed) {
      await revokeDocumentedDemoSecrets(db);
      return say(plan.refusal ?? "demo data not seeded");
    }
    const credentials = await seedDemoData(db, installationDemoSecrets());
    say(
      `seeded ${credentials.organizations.length} organizations and ${credentials.users.length} users; see ${writeDataFile("demo-credentials.json", credentials)}`,
    );
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
