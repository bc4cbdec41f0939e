/** The names a probe reads: the zone inside an endpoint's zonal name, and a certificate's names against a host. */

/**
 * AWS's zonal names are `vpce-<id>-<suffix>-<az>.vpce-svc-<id>.<region>.vpce.amazonaws.com`, and
 * every zone's name starts with its region's (us-east-1a, us-west-2-lax-1a), so the zone is the
 * tail of the first label from `-<region>` on. Null when the name does not have that shape.
 */
export function zoneOfName(name: string): string | null {
  const [first, , region] = name.toLowerCase().replace(/\.$/, "").split(".");
  if (first === undefined || region === undefined || !first.startsWith("vpce-")) return null;
  const at = first.lastIndexOf(`-${region}`);
  if (at < 0) return null;
  const zone = first.slice(at + 1);
  return zone.length > region.length ? zone : null;
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * RFC 6125 section 6.4: names compare case-insensitively; a wildcard is accepted only as the whole
 * left-most label and stands for exactly one non-empty label, never for a label next to a public
 * suffix with nothing else (`*.com`). Partial wildcards (`f*.example.com`) are not accepted, as
 * browsers and the CA/Browser Forum rules do not.
 */
export function nameCovers(certificateName: string, host: string): boolean {
  const pattern = normalize(certificateName);
  const target = normalize(host);
  if (pattern === "" || target === "") return false;
  if (!pattern.includes("*")) return pattern === target;
  const [first, ...rest] = pattern.split(".");
  if (first !== "*" || rest.length < 2 || rest.some((label) => label.includes("*") || label === "")) return false;
  const [hostFirst, ...hostRest] = target.split(".");
  return hostFirst !== "" && hostRest.join(".") === rest.join(".");
}

/** The DNS names a certificate holds: its subject alternative names, else its subject's common name (RFC 6125 6.4.4). */
export function certificateNames(subjectAltName: string | undefined, subject: string): string[] {
  const sans = (subjectAltName ?? "")
    .split(/,\s*/)
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4).replace(/^"(.*)"$/, "$1"));
  if (sans.length > 0) return sans;
  return subject
    .split("\n")
    .filter((line) => line.startsWith("CN="))
    .map((line) => line.slice(3));
}
