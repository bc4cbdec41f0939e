import { createPrismaClient } from "@/lib/db/client";
import { seedDemoData } from "@/prisma/seed";
import { loadEnv, prepareDatabase, run, say, writeDataFile } from "./runtime";

run(async () => {
  const database = await prepareDatabase(loadEnv());
  const db = createPrismaClient(database.url);
  try {
    const credentials = await seedDemoData(db);
    say(
      `seeded ${credentials.organizations.length} organizations and ${credentials.users.length} users; see ${writeDataFile("demo-credentials.json", credentials)}`,
    );
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
