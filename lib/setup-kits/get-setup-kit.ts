import "server-only";
import { organizationOf, type VerbArgs } from "@/lib/context";
import { principalArnForSetup } from "@/lib/orgs/principal";
import { kitFacts, resourceKitFacts } from "./facts";
import { cliScript } from "./cli";
import { cloudFormationTemplate } from "./cloudformation";
import { CONTENT_TYPES, fileName, type KitFormat, type KitInput } from "./kit";
import type { SetupKitQuery } from "./query";
import { resourceCliScript } from "./resource-cli";
import { resourceCloudFormationTemplate } from "./resource-cloudformation";
import { resourceFileName, type ResourceKitInput } from "./resource-kit";
import { resourceTerraformModule } from "./resource-terraform";
import { terraformModule } from "./terraform";

export type SetupKitFile = { fileName: string; contentType: string; body: string };

const RENDERERS: Record<KitFormat, (input: KitInput) => string> = {
  cloudformation: cloudFormationTemplate,
  terraform: terraformModule,
  cli: cliScript,
};

const RESOURCE_RENDERERS: Record<KitFormat, (input: ResourceKitInput) => string> = {
  cloudformation: resourceCloudFormationTemplate,
  terraform: resourceTerraformModule,
  cli: resourceCliScript,
};

/** A setup kit for the ctx's organization: its own principal (or, for a resource, its account), our facts for the region, in one format. */
export async function getSetupKit({ ctx, input: { format, ...query } }: VerbArgs<SetupKitQuery & { format: KitFormat }>): Promise<SetupKitFile> {
  const { engine } = ctx;
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationOf(ctx) } });
  const offered = await engine.db.vendorRegion.findMany({ where: { isOffered: true }, orderBy: { region: "asc" } });
  const principalArn = await principalArnForSetup(ctx, org);
  if (query.kind === "resource") {
    const input = resourceKitFacts(offered, query, principalArn);
    return { fileName: resourceFileName(format, input), contentType: CONTENT_TYPES[format], body: RESOURCE_RENDERERS[format](input) };
  }
  const input = kitFacts(offered, query, principalArn);
  return { fileName: fileName(format, input), contentType: CONTENT_TYPES[format], body: RENDERERS[format](input) };
}
