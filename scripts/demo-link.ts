import { EC2Client } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { SEED_ACCOUNTS } from "@privatelink-portal/sandbox-aws/seed";
import { systemCtx } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { engineFromEnv } from "@/lib/engine";
import type { Env } from "@/lib/env";
import { registerLink } from "@/lib/links/register-link";
import { ensureOrganizationPrincipal } from "@/lib/orgs/principal";
import { buildCustomerService } from "@/lib/sandbox-console/build";
import { databaseTarget } from "@/lib/sandbox-console/default-target";
import { say } from "./runtime";

export const DEMO_LINK = { organization: "acme", name: "demo-db", region: "us-east-1", port: 5432 } as const;

/**
 * With the sandbox and the embedded database, Acme gets one link whose target is a real TCP service: the portal's own
 * PostgreSQL behind Acme's NLB in the sandbox. The worker verifies, provisions and probes it, so a new user opens a link
 * whose zones read green, and can break it in the Sandbox console. Made once; a link of that name already there is kept.
 */
export async function seedDemoLink(db: Db, env: Env, sandboxUrl: string): Promise<void> {
  const acme = await db.organization.findUnique({ where: { slug: DEMO_LINK.organization } });
  if (!acme || (await db.link.count({ where: { organizationId: acme.id, name: DEMO_LINK.name, state: { not: "deleted" } } }))) return;
  const target = await databaseTarget({ db });
  if (!target) return say("no demo link: the database does not listen on a loopback address, and the sandbox connects to nothing else");

  const engine = engineFromEnv(db, env);
  const account = await db.sandboxAccount.findUniqueOrThrow({ where: { organizationId: acme.id } });
  const seed = SEED_ACCOUNTS.find((a) => a.accountId === account.accountId)!;
  const clientConfig = {
    endpoint: sandboxUrl,
    region: DEMO_LINK.region,
    credentials: { accessKeyId: seed.accessKeyId, secretAccessKey: seed.secretAccessKey },
  };
  try {
    const principal = await ensureOrganizationPrincipal(engine, acme);
    const service = await buildCustomerService(
      { ec2: new EC2Client(clientConfig), elb: new ElasticLoadBalancingV2Client(clientConfig) },
      { name: DEMO_LINK.name, port: DEMO_LINK.port, target, acceptanceRequired: false, allowedPrincipals: [principal.arn] },
    );
    const ctx = { ...systemCtx(engine, { requestId: "demo-seed" }), organizationId: acme.id, role: "owner" as const };
    await registerLink({ ctx, input: { name: DEMO_LINK.name, serviceName: service.serviceName, region: DEMO_LINK.region, ports: [DEMO_LINK.port] } });
    say(`demo link "${DEMO_LINK.name}" registered for Acme: its target is this database (${target.address}:${target.port}) behind Acme's sandbox NLB`);
  } catch (error) {
    say(`no demo link: ${error instanceof Error ? error.message : String(error)}`);
  }
}
