import { AwsError } from "../errors";
import type { RequestContext } from "../runtime";
import type { Endpoint, EndpointService, SandboxState } from "../state";

/**
 * Private DNS names of endpoint services (README "Private DNS names"). A name starts
 * `pendingVerification`; StartVpcEndpointServicePrivateDnsVerification verifies it when the
 * sandbox's public DNS holds the TXT record `_<token>.<domain>` = `vpce:<token>` (the domain being
 * the name or one of its parents), else fails it. An endpoint may enable it only once verified,
 * and only one endpoint per VPC may hold a name.
 */

export type PrivateDnsState = "pendingVerification" | "verified" | "failed";

/** The token AWS hands in PrivateDnsNameConfiguration: fixed per service, so a record once published stays valid. */
export function verificationToken(service: EndpointService): string {
  return service.serviceId.slice("vpce-svc-".length);
}

export function privateDnsStateOf(service: EndpointService): PrivateDnsState | undefined {
  return service.privateDnsName ? (service.privateDnsState ?? "pendingVerification") : undefined;
}

export function privateDnsConfigurationXml(service: EndpointService) {
  if (!service.privateDnsName) return undefined;
  const token = verificationToken(service);
  return { state: privateDnsStateOf(service), type: "TXT", value: `vpce:${token}`, name: `_${token}` };
}

/** A new or changed name has to be verified again. */
export function setPrivateDnsName(service: EndpointService, name: string | undefined): void {
  if (service.privateDnsName === name) return;
  service.privateDnsName = name;
  service.privateDnsState = name ? "pendingVerification" : undefined;
}

const normalize = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

/** The name and its parents down to two labels: db.customer.com, customer.com. */
function domainsOf(name: string): string[] {
  const labels = normalize(name).split(".");
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join("."));
}

export function publishTxt(state: SandboxState, name: string, values: string[]): void {
  if (values.length === 0) state.publicDnsTxt.delete(normalize(name));
  else state.publicDnsTxt.set(normalize(name), [...new Set(values)]);
}

function isPublished(state: SandboxState, service: EndpointService): boolean {
  const token = verificationToken(service);
  return domainsOf(service.privateDnsName ?? "").some((domain) => state.publicDnsTxt.get(`_${token}.${domain}`)?.includes(`vpce:${token}`));
}

/** StartVpcEndpointServicePrivateDnsVerification's outcome for `service`. */
export function verifyPrivateDns(state: SandboxState, service: EndpointService): void {
  if (!service.privateDnsName) throw new AwsError("InvalidParameter", `The service ${service.serviceId} does not have a private DNS name.`);
  service.privateDnsState = isPublished(state, service) ? "verified" : "failed";
}

const HOLDING = new Set(["pendingAcceptance", "pending", "available"]);

/** Why `endpoint` (in `vpcId`, to `service`) may not have private DNS, or undefined. */
export function privateDnsRefusal(ctx: RequestContext, service: EndpointService, vpcId: string, endpointId?: string): AwsError | undefined {
  const name = service.privateDnsName;
  if (!name) {
    return new AwsError("InvalidParameter", `Private DNS can't be enabled because the service ${service.serviceName} does not provide a private DNS name.`);
  }
  if (privateDnsStateOf(service) !== "verified") {
    return new AwsError(
      "InvalidParameter",
      `Private DNS can't be enabled because the private DNS name ${name} of the service ${service.serviceName} is not verified.`,
    );
  }
  const holder = holderOf(ctx.runtime.state, name, (e) => e.vpcId === vpcId && e.id !== endpointId);
  if (holder) {
    return new AwsError(
      "InvalidParameter",
      `private-dns-enabled cannot be set because there is already a conflicting DNS domain for ${name} in the VPC ${vpcId}`,
    );
  }
  return undefined;
}

/** The endpoint that holds `name` (private DNS on, not gone), the one made first; `where` narrows the search. */
export function holderOf(state: SandboxState, name: string, where: (endpoint: Endpoint) => boolean = () => true): Endpoint | undefined {
  const wanted = normalize(name);
  return state
    .sortedEndpoints()
    .filter((e) => e.privateDnsEnabled && HOLDING.has(e.state) && where(e))
    .filter((e) => normalize(state.services.get(e.serviceId)?.privateDnsName ?? "") === wanted)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))[0];
}
