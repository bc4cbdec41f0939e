import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { Link as LinkView } from "@/lib/api-client/client";
import { STATE_DISPLAY } from "@/lib/links/state-display";

/** dnsNames hold the private name first (when on), then the regional name, then the zonal ones; a resource link's are its association's. */
function kindOf(link: LinkView, index: number): string {
  if (link.kind === "resource") return "resource endpoint";
  const regional = link.privateDnsName ? 1 : 0;
  if (index < regional) return "private DNS name";
  return index === regional ? "regional" : "zonal";
}

/** The endpoint's DNS names, once the link is available (before that they resolve to nothing usable). */
export function LinkDnsNames({ link }: { link: LinkView }) {
  if (!STATE_DISPLAY[link.state].showsDnsNames || link.dnsNames.length === 0) return null;
  return (
    <Card title="DNS names">
      {link.kind === "resource" ? (
        <p className="mb-3 text-sm text-slate-700">
          Point your clients at this name: it resolves to our resource endpoint, and your resource gateway carries each connection on to your resource.
        </p>
      ) : (
        <ServiceNamesNote link={link} />
      )}
      <ul className="space-y-2" data-testid="dns-names">
        {link.dnsNames.map((name, index) => (
          <li key={name} className="flex items-start justify-between gap-2">
            <span className="min-w-0 break-all font-mono text-xs">{name}</span>
            <span className="flex shrink-0 items-center gap-2 text-xs text-slate-600">
              {kindOf(link, index)} <CopyButton value={name} />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ServiceNamesNote({ link }: { link: LinkView }) {
  const isCrossRegion = link.region !== link.serviceRegion;
  return (
    <p className="mb-3 text-sm text-slate-700">
      {link.privateDnsName ? (
        <>
          Your service&apos;s private DNS name <span className="font-mono">{link.privateDnsName}</span> resolves to this endpoint inside our VPC: we connect by
          it, so your certificate can name it.{" "}
        </>
      ) : null}
      Point your clients at the regional name: it answers from every zone of the endpoint. A zonal name pins one Availability Zone
      {isCrossRegion ? (
        <>
          ; this link is cross-region (our <span className="font-mono">{link.region}</span> to your <span className="font-mono">{link.serviceRegion}</span>),
          and zonal names are not usable cross-region: use the regional name.
        </>
      ) : (
        <>, for clients that must stay in one zone (zonal names are not usable for cross-region links).</>
      )}
    </p>
  );
}
