import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { Connectivity } from "@/lib/api-client/client";

type Region = Connectivity["regions"][number];

/** The customer's side, step by step, for the region and ports chosen, with what to copy beside each value. */
export function SetupSteps({ region, ports, principalArn }: { region: Region; ports: number[]; principalArn: string }) {
  return (
    <ol className="list-decimal space-y-3 pl-5 text-sm" data-testid="setup-steps">
      <li>
        Put your service behind an internal Network Load Balancer in {region.region}, enabled in at least one of these Availability Zone IDs (two for
        resilience):
        <Copyable value={region.availabilityZoneIds.join(", ")} />
        Match zones by ID: an AZ ID names the same zone in every account, while AZ names such as {region.region}a are shuffled per account.
      </li>
      <li>
        Create a VPC endpoint service for the NLB with <strong>acceptance required</strong>.
      </li>
      <li>
        Allow our principal, and only it, on the endpoint service:
        <Copyable value={principalArn} />
      </li>
      <li>
        Allow our CIDRs on port{ports.length === 1 ? "" : "s"} {ports.join(", ") || "(choose one above)"} in the NLB&apos;s security group:
        <Copyable value={region.cidrs.join(", ")} />
        The NLB setting <strong>Enforce inbound rules on PrivateLink traffic</strong> (on by default) applies those rules to our connections: keep it on and
        allow our CIDRs; turned off, all PrivateLink traffic passes the NLB whatever its security group says.
      </li>
      <li>
        <Link href="/links/new" className="font-medium text-indigo-700 underline">
          Register the service name
        </Link>
        . We verify it as your principal, then create our endpoint; you accept its connection request, and the link shows its DNS names.
      </li>
    </ol>
  );
}

export function Copyable({ value }: { value: string }): ReactNode {
  return (
    <span className="my-1 flex items-start gap-2">
      <code className="min-w-0 flex-1 break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs">{value}</code>
      <CopyButton value={value} />
    </span>
  );
}
