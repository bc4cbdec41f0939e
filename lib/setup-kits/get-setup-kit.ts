import "server-only";
import { organizationOf, type VerbArgs } from "@/lib/context";
import { principalArnForSetup } from "@/lib/orgs/principal";
import { kitFacts } from "./facts";
import { cliScript } from "./cli";
import { cloudFormationTemplate } from "./cloudformation";
import { CONTENT_TYPES, fileName, type KitFormat, type KitInput, type SetupKitQuery } from "./kit";
import { terraformModule } from "./terraform";

export type SetupKitFile = { fileName: string; contentType: string; body: string };

const RENDERERS: Record<KitFormat, (input: KitInput) => string> = {
  cloudformation: cloudFormationTemplate,
  terraform: terraformModule,
  cli: cliScript,
};

/** A setup kit for the ctx's organization: its own principal, our facts for the region, in one format. */
export async function getSetupKit({ ctx, input: { format, ...query } }: VerbArgs<SetupKitQuery & { format: KitFormat }>): Promise<SetupKitFile> {
  const { engine } = ctx;
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationOf(ctx) } });
  const offered = await engine.db.vendorRegion.findMany({ where: { isOffered: true }, orderBy: { region: "asc" } });
  const input = kitFacts(offered, query, await principalArnForSetup(ctx, org));
  return { fileName: fileName(format, input), contentType: CONTENT_TYPES[format], body: RENDERERS[format](input) };
}
