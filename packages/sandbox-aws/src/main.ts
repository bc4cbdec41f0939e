import { accountsDocument } from "./admin";
import { readSandboxConfig, sandboxOptions } from "./config";
import { startSandbox } from "./server";

/** `npm run sandbox` (`npm start` in this package): the sandbox AWS on SANDBOX_HOST:SANDBOX_PORT until interrupted. */
async function main(): Promise<void> {
  const config = readSandboxConfig();
  const sandbox = await startSandbox(sandboxOptions(config));
  console.log(`sandbox AWS (ec2, elasticloadbalancing, sts, iam, vpc-lattice, ram) listening on ${sandbox.url}`);
  console.log(`  AWS_ENDPOINT_URL=${sandbox.url}`);
  console.log(`  ${sandbox.runtime.consistency.summary()}`);
  if (sandbox.dns) console.log(`  data plane: endpoint names resolve at ${sandbox.dns.host}:${sandbox.dns.port} (UDP)`);
  for (const account of accountsDocument(sandbox.state).accounts) {
    console.log(
      `  ${account.kind.padEnd(8)} ${account.accountId}  ${account.accessKeyId}  ${account.secretAccessKey}${account.owner ? `  (${account.owner})` : ""}`,
    );
  }
  if (config.SANDBOX_STATE_FILE) console.log(`  state file: ${config.SANDBOX_STATE_FILE}`);
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
