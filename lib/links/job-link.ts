import "server-only";
import { ec2Client } from "@/lib/aws/config";
import type { Link, Organization } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/context";
import { ensureOrganizationPrincipal, type AwsPrincipal } from "@/lib/orgs/principal";
import type { LinkState } from "./state-machine";

export type LinkJob = {
  link: Link & { organization: Organization };
  principal: AwsPrincipal;
  ec2: ReturnType<typeof ec2Client>;
};

/**
 * How every link job opens: the link with its organization, or null when it is gone or no longer
 * in `state` (another job or a person moved it on; the job has nothing to do). Only then the
 * organization's principal, made here if its setup job has not (yet), and the EC2 client acting as
 * it in the link's region.
 */
export async function loadLinkJob(ctx: Pick<Ctx, "engine">, linkId: string, state: LinkState): Promise<LinkJob | null> {
  const { engine } = ctx;
  const link = await engine.db.link.findUnique({ where: { id: linkId }, include: { organization: true } });
  if (!link || link.state !== state) return null;
  const principal = await ensureOrganizationPrincipal(engine, link.organization);
  return { link, principal, ec2: ec2Client(engine.aws, link.region, principal.credentials) };
}
