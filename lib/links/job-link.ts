import "server-only";
import { ec2Client } from "@/lib/aws/config";
import type { Link, Organization } from "@/lib/db/generated/client";
import type { Ctx } from "@/lib/context";
import { isRunAgain, type RunAgain } from "@/lib/jobs/define";
import { principalForJob, type AwsPrincipal } from "@/lib/orgs/principal";
import type { LinkState } from "./state-machine";

export type LinkJob = {
  link: Link & { organization: Organization };
  principal: AwsPrincipal;
  ec2: ReturnType<typeof ec2Client>;
};

// null: the link is gone or was moved on, and the job has nothing to do. The principal is made here if no Setup view had it
// made; RunAgain: its role waits for the cap on IAM role creations, and so does the job.
export async function loadLinkJob(ctx: Pick<Ctx, "engine">, linkId: string, state: LinkState | readonly LinkState[]): Promise<LinkJob | RunAgain | null> {
  const { engine } = ctx;
  const link = await engine.db.link.findUnique({ where: { id: linkId }, include: { organization: true } });
  if (!link || !(typeof state === "string" ? [state] : state).includes(link.state)) return null;
  const principal = await principalForJob(engine, link.organization);
  if (isRunAgain(principal)) return principal;
  return { link, principal, ec2: ec2Client(engine.aws, link.region, principal.credentials) };
}
