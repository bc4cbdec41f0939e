import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { classifyAddress } from "@/lib/address-class";

// Applied at registration and again at every delivery, on the addresses the host resolves to then; the delivery connects
// to the address it checked, so a DNS answer that changes in between cannot slip through.
export type WebhookUrlPolicy = {
  requireHttps: boolean;
  allowPrivateAddresses: boolean;
};

// WEBHOOK_ALLOW_PRIVATE_URLS (`npm run dev` and the tests) allows private addresses and plain http together. NODE_ENV plays
// no part, so a worker started without it (`npm run worker`) is as strict as the web server.
export function webhookUrlPolicyFromEnv(env: Env = getEnv()): WebhookUrlPolicy {
  const allowLocal = env.WEBHOOK_ALLOW_PRIVATE_URLS;
  return { requireHttps: !allowLocal, allowPrivateAddresses: allowLocal };
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

export class UnsafeUrlError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnsafeUrlError";
  }
}

export function parseWebhookUrl(raw: string, policy: WebhookUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("Not an absolute URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UnsafeUrlError("Use an https:// URL.");
  if (policy.requireHttps && url.protocol !== "https:") throw new UnsafeUrlError("Use an https:// URL; plain http is refused.");
  if (url.username || url.password) throw new UnsafeUrlError("Credentials in the URL are not allowed; authenticate by checking the signature.");
  if (url.hash) throw new UnsafeUrlError("Leave out the #fragment.");
  if (!url.hostname) throw new UnsafeUrlError("The URL has no host.");
  return url;
}

export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** One non-public address is enough to refuse: a name with a public and a private record must not reach the private one. */
export async function resolveWebhookHost(
  host: string,
  policy: WebhookUrlPolicy,
  resolve: Resolver = systemResolver,
): Promise<{ address: string; family: 4 | 6 }> {
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new UnsafeUrlError(`The host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "DNS error"}).`);
    }
  }
  if (addresses.length === 0) throw new UnsafeUrlError(`The host ${host} does not resolve.`);
  if (!policy.allowPrivateAddresses) {
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== "public") throw new UnsafeUrlError(`The host ${host} resolves to ${address}, a ${kind} address; webhooks may only reach public addresses.`);
    }
  }
  // IPv4 first: hosts often publish AAAA records that our network cannot reach.
  const chosen = addresses.find((a) => a.family === 4) ?? addresses[0]!;
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

/** Where any address is allowed (dev, tests) DNS has nothing to tell, so no lookup is made. */
export async function assertWebhookUrlAllowed(raw: string, policy: WebhookUrlPolicy, resolve?: Resolver): Promise<URL> {
  try {
    const url = parseWebhookUrl(raw, policy);
    if (!policy.allowPrivateAddresses) await resolveWebhookHost(hostOf(url), policy, resolve);
    return url;
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error;
    throw new AppError("validation_failed", `This webhook URL is not allowed: ${error.reason}`, { invalidParams: [{ name: "url", reason: error.reason }] });
  }
}
