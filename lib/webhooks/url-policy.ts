import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { classifyAddress } from "./address";

/**
 * SSRF rules for webhook URLs, applied when a webhook is registered and again at every delivery,
 * on the addresses the host name resolves to at that moment (the delivery then connects to the
 * address it checked, so a DNS answer that changes in between cannot slip through).
 */
export type WebhookUrlPolicy = {
  /** Only https (the default). */
  requireHttps: boolean;
  /** false (the default): private, loopback, link-local and other non-public addresses are refused. */
  allowPrivateAddresses: boolean;
};

/**
 * Safe unless WEBHOOK_ALLOW_PRIVATE_URLS=true, which `npm run dev` and the tests set for their
 * local receivers: it allows private addresses and plain http together. NODE_ENV plays no part,
 * so a worker started without it (`npm run worker`) is as strict as the web server.
 */
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

/** Scheme, credentials and shape of a webhook URL, before any DNS. Throws UnsafeUrlError. */
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

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * Resolves the host and checks every address it resolves to (one non-public address is enough to
 * refuse: a name with a public and a private record must not reach the private one). Returns the
 * address to connect to, IPv4 when there is one.
 */
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

/**
 * Registration-time check: the URL's shape and, where addresses are restricted, where it resolves
 * now. Where any address is allowed (dev, tests) there is nothing to learn from DNS, so no lookup
 * is made. Throws a 422 naming `url`.
 */
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
