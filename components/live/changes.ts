import type { LinkState } from "@/lib/links/state-machine";

// What a live page says when a read brings news made elsewhere, and what an action says when it is done or fails.
// Pure and client-safe, so the sentences are tested once.

/** A link's news in one clause after its name: "billing-db is available". */
const STATE_NEWS: Readonly<Record<LinkState, string>> = {
  verifying: "is being checked",
  verification_failed: "needs your attention: a check failed",
  pending_approval: "is waiting for approval",
  provisioning: "is approved: its endpoint is being created",
  pending_acceptance: "is waiting for you to accept the connection in your AWS account",
  available: "is available",
  rejected: "was rejected in the service's AWS account",
  disconnected: "was disconnected",
  failed: "failed",
  expired: "expired before it was accepted",
  deleting: "is being deleted",
  deleted: "is deleted",
  denied: "was denied",
};

export const linkNews = (name: string, state: LinkState) => `${name} ${STATE_NEWS[state]}`;

type LinkFacts = { id: string; name: string; state: LinkState };

/** A toast's words, and what it is about: newer news of the same thing (a link's id) replaces it on screen. */
export type News = { message: string; key?: string };

/** Links whose state moved between two reads of a list (or of one link); a link gone while being deleted is deleted. */
export function linkChanges(before: readonly LinkFacts[], after: readonly LinkFacts[]): News[] {
  const now = new Map(after.map((link) => [link.id, link]));
  return before.flatMap((old) => {
    const link = now.get(old.id);
    if (!link) return old.state === "deleting" ? [{ message: linkNews(old.name, "deleted"), key: old.id }] : [];
    return link.state === old.state ? [] : [{ message: linkNews(link.name, link.state), key: link.id }];
  });
}

type QueuedLink = { id: string; name: string; organization: { name: string } };

/** Links that joined the approval queue since the last read. */
export function queueArrivals(before: readonly QueuedLink[], after: readonly QueuedLink[]): string[] {
  const known = new Set(before.map((link) => link.id));
  return after.filter((link) => !known.has(link.id)).map((link) => `${link.organization.name} asks to approve ${link.name}`);
}

type UpgradeAsk = { id: string; organizationName: string; requestedPlan: string };

export function upgradeArrivals(before: readonly UpgradeAsk[], after: readonly UpgradeAsk[]): string[] {
  const known = new Set(before.map((request) => request.id));
  return after.filter((request) => !known.has(request.id)).map((request) => `${request.organizationName} asks for the ${request.requestedPlan} plan`);
}

/** A vendor admin's answer to an upgrade request, confirmed. */
export function upgradeAnswerNews(request: UpgradeAsk & { status: string }): string {
  return request.status === "approved"
    ? `${request.organizationName} is now on the ${request.requestedPlan} plan`
    : `Declined ${request.organizationName}'s request for the ${request.requestedPlan} plan; they see your reason`;
}

type PlanFacts = {
  plan: { key: string; name: string };
  linkQuota: number;
  latestRequest: { id: string; status: string; requestedPlan: string; reason: string | null } | null;
};

/** The organization's plan, quota or upgrade request answered elsewhere (by a vendor admin). */
export function planChanges(before: PlanFacts, after: PlanFacts): string[] {
  const news: string[] = [];
  if (after.plan.key !== before.plan.key) news.push(`Your plan is now ${after.plan.name}`);
  else if (after.linkQuota !== before.linkQuota) news.push(`You may now hold ${count(after.linkQuota, "link")}`);
  const request = after.latestRequest;
  const wasOpen = before.latestRequest?.id === request?.id && before.latestRequest?.status === "open";
  if (request && wasOpen && request.status === "denied")
    news.push(`Your request for the ${request.requestedPlan} plan was declined: ${request.reason ?? "no reason given"}`);
  return news;
}

/** What a person did to a link, confirmed in the words of what happens next. */
export const LINK_ACTION_NEWS = {
  approve: (name: string) => `Approved ${name}: its endpoint is being created`,
  deny: (name: string) => `Denied ${name}: the customer sees your reason`,
  verify: (name: string) => `Checking ${name} again`,
  delete: (name: string) => `Deleting ${name}: its endpoint is being removed`,
  retry: (name: string) => `Retrying ${name}: its endpoint is being created again`,
  reconcile: (name: string) => `Comparing ${name} with AWS now`,
  release: (name: string) => `Releasing the endpoint of ${name}`,
  reconnect: (name: string) => `Reconnecting ${name}: a new endpoint follows its checks`,
} as const;
export type LinkActionNews = keyof typeof LINK_ACTION_NEWS;

/** "Approved 3 links" or, with failures, "Approved 2 of 3 links". */
export function bulkNews(verb: string, done: number, of: number): string {
  return done === of ? `${verb} ${count(of, "link")}` : `${verb} ${done} of ${count(of, "link")}`;
}

/** "1 link", "3 links". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : plural}`;
}

/** A failed action, then what to do about it: `message` is messageOf(error), the API's detail written for its reader. */
export const failureNews = (what: string, message: string) => `Could not ${what}. ${message}`;
