import type { LinkKind } from "./schemas";

// One record per kind of link, so a new kind does not compile until it says how it shows: its label beside a link (lists,
// pages, the admin console) and the choice the register wizard and the Setup page offer. Client-safe.

type KindDisplay = {
  /** The small label beside a link. */
  label: string;
  /** The choice, as the wizard and the Setup page word it. */
  choice: string;
  /** When it fits, in a sentence or two. */
  fits: string;
  /** What the link connects to, as a fact's label. */
  target: string;
  /** The AWS account that owns it, as a fact's label. */
  owner: string;
};

export const KIND_DISPLAY: Readonly<Record<LinkKind, KindDisplay>> = {
  service: {
    label: "Endpoint service",
    choice: "With a load balancer (endpoint service)",
    fits: "Your service runs behind an internal Network Load Balancer with a VPC endpoint service that allows our principal. Fits several targets behind one name, and cross-region links when your plan has them.",
    target: "Endpoint service",
    owner: "Service's AWS account",
  },
  resource: {
    label: "Resource",
    choice: "Without one (resource configuration)",
    fits: "One database or host, named by its domain name, IP address or RDS ARN in a VPC Lattice resource configuration you share with our AWS account through AWS RAM: no load balancer to run, and failovers need nothing from you. Same region only, and the configuration's owner account must be one your organization proved (Your AWS accounts, on the Setup page).",
    target: "Resource configuration",
    owner: "Configuration's AWS account",
  },
};

/** Both kinds, in the order they are offered. */
export const LINK_KIND_CHOICES = Object.keys(KIND_DISPLAY) as LinkKind[];

type Target = { kind: LinkKind; serviceName: string; resourceShareArn: string | null };

/** What a link connects to, as labelled facts: the endpoint service, or the resource configuration and the RAM share carrying it. */
export function targetFactsOf(link: Target): [label: string, value: string][] {
  const facts: [string, string][] = [[KIND_DISPLAY[link.kind].target, link.serviceName]];
  if (link.kind === "resource") facts.push(["RAM resource share", link.resourceShareArn ?? "not named: we accept the owner account's invitation"]);
  return facts;
}
