import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { Link as LinkView } from "@/lib/api-client/client";

const CELL = "px-2 py-1 text-left";

/** The endpoint's network interfaces per zone, for whoever targets them by IP (a vendor NLB, an API Gateway VPC link). */
export function LinkAddresses({ link }: { link: LinkView }) {
  if (link.endpointAddresses.length === 0) return null;
  return (
    <Card title="Endpoint addresses">
      <p className="mb-3 text-sm text-slate-700">
        The endpoint&apos;s network interfaces in our VPC, one per zone. Their private IPs are the targets when a load balancer or an API Gateway VPC link of
        ours sits in front of the endpoint; clients should use the DNS names.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-xs" data-testid="endpoint-addresses">
          <thead>
            <tr className="text-slate-600">
              <th className={CELL}>Zone (AZ ID)</th>
              <th className={CELL}>Network interface</th>
              <th className={CELL}>Private IP</th>
            </tr>
          </thead>
          <tbody>
            {link.endpointAddresses.map((address) => (
              <tr key={address.networkInterfaceId}>
                <td className={`${CELL} font-mono`}>{address.azId}</td>
                <td className={`${CELL} font-mono`}>{address.networkInterfaceId}</td>
                <td className={`${CELL} font-mono`}>
                  <span className="inline-flex items-center gap-2">
                    {address.privateIpAddress} <CopyButton value={address.privateIpAddress} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** What the timeline says of an event that is no transition: a change of connectivity or of the endpoint's addresses. */
export function eventHeadline(event: { kind: string; connectivity: { previousStatus: string | null; status: string } | null }): string | null {
  if (event.kind === "addresses") return "endpoint addresses changed";
  if (event.kind === "endpoint_released") return "endpoint released";
  if (event.connectivity)
    return `connectivity ${event.connectivity.previousStatus ? `${event.connectivity.previousStatus} → ` : ""}${event.connectivity.status}`;
  return null;
}
