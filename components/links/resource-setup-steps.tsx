import Link from "next/link";
import {
  accountOfPrincipal,
  GATEWAY_SECURITY_NOTE,
  gatewayZoneSentence,
  RESOURCE_TARGET_WORDS,
  shareSentence,
  type ResourceKitInput,
} from "@/lib/setup-kits/resource-kit";
import { Copyable } from "./setup-steps";

// Its own chunk, loaded once the customer chooses a link without a load balancer (setup-kit.tsx): the resource kits' words
// in the Setup page's first chunks would take it over the client JavaScript budget (scripts/client-js-budget.ts).

/** The kit's facts from the Setup page's choices: our account (the principal's), the region's zones, the ports (none for an RDS ARN). */
function resourceKitInputOf({ principalArn, ...choices }: Omit<ResourceKitInput, "vendorAccountId"> & { principalArn: string }): ResourceKitInput {
  return { vendorAccountId: accountOfPrincipal(principalArn), ...choices };
}

/** The customer's side without a load balancer, in the words of the resource kits: gateway, configuration, RAM share, proof, register. */
export function ResourceSetupSteps(facts: Parameters<typeof resourceKitInputOf>[0]) {
  const input = resourceKitInputOf(facts);
  const words = RESOURCE_TARGET_WORDS[input.target];
  const ports = input.ports.length ? `, on port${input.ports.length === 1 ? "" : "s"} ${input.ports.join(", ")}` : "";
  return (
    <ol className="list-decimal space-y-3 pl-5 text-sm" data-testid="setup-steps">
      <li>
        Create a VPC Lattice <strong>resource gateway</strong> in the VPC of your resource, in {input.region}. {gatewayZoneSentence(input)}
        <Copyable value={input.availabilityZoneIds.join(", ")} />
        {GATEWAY_SECURITY_NOTE}
      </li>
      <li>
        Create a <strong>resource configuration</strong> on the gateway (type {words.type}) for {words.what}
        {ports}. {words.note}
      </li>
      <li>
        Share the configuration through <strong>AWS RAM</strong> with our AWS account, allowing external principals:
        <Copyable value={input.vendorAccountId} />
        {shareSentence(input)}
      </li>
      <li>Prove below, under Your AWS accounts, that the account owning the configuration is yours: we refuse a resource link otherwise.</li>
      <li>
        <Link href="/links/new?kind=resource" className="font-medium text-indigo-700 underline">
          Register the configuration ARN
        </Link>{" "}
        (without a load balancer). We verify it as your principal, accept the share and create a resource endpoint: nothing to accept on your side, and the link
        shows its DNS name.
      </li>
    </ol>
  );
}
