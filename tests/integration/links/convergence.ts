import type { Link } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/context";
import { TAG_LINK_ID } from "@/lib/aws/tags";
import type { Engine } from "@/lib/engine";
import { registerLink } from "@/lib/links/register-link";
import type { LinkState } from "@/lib/links/state-machine";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import type { LinkView } from "@/lib/links/views";
import type { SeedAccount } from "@privatelink-portal/sandbox-aws/seed";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import { CUSTOMER_A, CUSTOMER_B, CUSTOMER_C } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, principalArnOf, type Organization } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";

/**
 * Helpers for the tests that run links through real workers (in process or spawned): many links
 * over the sandbox's three regions, waiting for states, and counting endpoints in the sandbox.
 */

export const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"] as const;
const CUSTOMERS: SeedAccount[] = [CUSTOMER_A, CUSTOMER_B, CUSTOMER_C];

/** withLinkEngine offers us-east-1 and eu-west-1; links here use all three sandbox regions. */
export async function offerAllRegions(engine: Engine): Promise<void> {
  await syncVendorRegions(engine, [{ region: "us-west-2", ports: [5432] }]);
}

export type RegisteredLink = { link: LinkView; accept: (endpointId: string) => Promise<void>; ctx: Ctx };

/**
 * `count` links in organizations approved automatically, round robin over regions and customers,
 * each to its own customer service that allowlists the organization's principal.
 */
export async function registerLinks(
  engine: Engine,
  sandbox: Sandbox,
  { count, organizations = 2 }: { count: number; organizations?: number },
): Promise<RegisteredLink[]> {
  const orgs: (Organization & { principal: string })[] = [];
  for (let i = 0; i < organizations; i++) {
    const org = await createOrganization({ approvalMode: "automatic", linkQuota: count + 10 });
    orgs.push({ ...org, principal: await principalArnOf(engine, org.org.id) });
  }
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const org = orgs[i % orgs.length]!;
      const region = REGIONS[i % REGIONS.length]!;
      const service = await createCustomerService(sandbox, CUSTOMERS[i % CUSTOMERS.length]!, { principals: [org.principal], region });
      const link = await registerLink({ ctx: { ...org.ctx, engine: engine }, input: { name: `link-${i}`, serviceName: service.serviceName, region } });
      return { link, ctx: org.ctx, accept: (endpointId: string) => service.accept(endpointId) };
    }),
  );
}

/** Endpoints in the sandbox that carry a link's tag and still exist (not deleting or deleted), by link id. */
export function liveEndpointsByLink(sandbox: Sandbox): Map<string, string[]> {
  const byLink = new Map<string, string[]>();
  for (const endpoint of sandbox.state.endpoints.values()) {
    if (endpoint.state === "deleted" || endpoint.state === "deleting") continue;
    const linkId = endpoint.tags.find((tag) => tag.key === TAG_LINK_ID)?.value;
    if (linkId) byLink.set(linkId, [...(byLink.get(linkId) ?? []), endpoint.id]);
  }
  return byLink;
}

/** The states counted by waitForState's last look (for a test that timed out waiting). */
export let lastSeenStates: Record<string, number> = {};

/**
 * Waits until every link is in `state`: an event, with no deadline of its own (the test's timeout
 * guards against a hang, and `lastSeenStates` says what it last saw). Fails at once when one lands
 * in `failed` (nothing in these tests should fail).
 */
export async function waitForState(
  engine: Pick<Engine, "db">,
  ids: string[],
  state: LinkState,
  { intervalMs = 250 }: { intervalMs?: number } = {},
): Promise<Link[]> {
  for (;;) {
    const links = await engine.db.link.findMany({ where: { id: { in: ids } } });
    const failed = links.filter((l) => l.state === "failed");
    if (failed.length > 0 && state !== "failed") {
      throw new Error(`links failed: ${failed.map((l) => `${l.id} ${l.lastErrorCode}: ${l.lastError}`).join("; ")}`);
    }
    if (links.length === ids.length && links.every((l) => l.state === state)) return links;
    lastSeenStates = {};
    for (const l of links) lastSeenStates[l.state] = (lastSeenStates[l.state] ?? 0) + 1;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
