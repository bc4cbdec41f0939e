import type { CHECK_NAMES } from "./schemas";

// One record per check, so a new check does not compile until it says how it shows (the link page, the admin's link page and
// approval queue). Client-safe.

export type CheckName = (typeof CHECK_NAMES)[number];

type CheckDisplay = {
  /** What people call it. */
  label: string;
  /** What it checks, in one line. */
  explanation: string;
};

export const CHECK_DISPLAY: Readonly<Record<CheckName, CheckDisplay>> = {
  name_format: { label: "Service name", explanation: "The service name is a well-formed VPC endpoint service name." },
  region_offered: { label: "Region", explanation: "We offer links in the service's region, or reach it from one we offer." },
  service_visible: { label: "Service found", explanation: "Your organization's principal can see the endpoint service." },
  allowlist_scope: {
    label: "Who the service allows",
    explanation: "The service's allow list admits your organization's principal and nobody else's.",
  },
  interface_type: { label: "Interface service", explanation: "The service takes interface endpoints, the kind a link makes." },
  az_overlap: {
    label: "Availability Zones in common",
    explanation: "The service and our network share Availability Zones, so the endpoint has somewhere to go.",
  },
  acceptance_required: {
    label: "Manual acceptance",
    explanation: "Whether you accept each connection yourself or the service accepts it on its own.",
  },
  owner_declared: {
    label: "Owner account",
    explanation: "The account that owns the service or the resource configuration is one your organization declared and proved.",
  },
  exclusive_service: { label: "Not linked elsewhere", explanation: "No other organization holds a live link to this service or resource configuration." },
  private_dns: { label: "Private DNS name", explanation: "Whether the service's private DNS name is verified and free to use in our network." },
  ip_address_types: { label: "IPv4 support", explanation: "The service supports IPv4, which our endpoints use." },
  arn_format: { label: "Configuration ARN", explanation: "The resource configuration ARN is well formed." },
  resource_share: { label: "RAM share", explanation: "The configuration is shared with our AWS account through AWS RAM, and we accepted the invitation." },
  configuration_visible: { label: "Configuration found", explanation: "Your organization's principal can read the resource configuration." },
  configuration_type: {
    label: "Usable configuration",
    explanation: "The configuration is active and names one resource (a domain name, an IP address or an RDS database).",
  },
  port_overlap: { label: "Ports", explanation: "The configuration's port ranges include the ports the link connects to." },
};

/** A check's name as people read it; a name this build does not know reads from its own words. */
export function checkLabelOf(name: string): string {
  return name in CHECK_DISPLAY ? CHECK_DISPLAY[name as CheckName].label : name.replaceAll("_", " ");
}

export function checkExplanationOf(name: string): string | null {
  return name in CHECK_DISPLAY ? CHECK_DISPLAY[name as CheckName].explanation : null;
}
