import { getSandboxEnv } from "@/lib/env";
import { startSandbox } from "./server";
import { accountsDocument } from "./admin";

/** `npm run sandbox`: the sandbox AWS on 127.0.0.1:SANDBOX_PORT until interrupted. */
async function main(): Promise<void> {
  const env = getSandboxEnv();
  const sandbox = await startSandbox({
    port: env.SANDBOX_PORT,
    host: env.SANDBOX_HOST,
    stateFile: env.SANDBOX_STATE_FILE,
    delays: { pendingMs: env.SANDBOX_DELAY_MS, deletingMs: env.SANDBOX_DELAY_MS, expireAfterMs: env.SANDBOX_EXPIRE_AFTER_S * 1000 },
    throttling: { enabled: env.SANDBOX_THROTTLING, refillMultiplier: env.SANDBOX_THROTTLE_REFILL_MULTIPLIER },
  });
  console.log(`sandbox AWS (ec2, sts, iam) listening on ${sandbox.url}`);
  console.log(`  AWS_ENDPOINT_URL=${sandbox.url}`);
  for (const account of accountsDocument().accounts) {
    console.log(`  ${account.kind.padEnd(8)} ${account.accountId}  ${account.accessKeyId}  ${account.secretAccessKey}`);
  }
  if (env.SANDBOX_STATE_FILE) console.log(`  state file: ${env.SANDBOX_STATE_FILE}`);
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
