import { loadEnv, prepareDatabase, run, say } from "./runtime";

run(async () => {
  const database = await prepareDatabase(loadEnv());
  say("migrations are up to date");
  await database.stop();
});
