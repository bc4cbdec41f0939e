/**
 * The life of a link, as a pure table. Every state change in the product goes through
 * `transition()`, and is persisted with a guarded update (where state = from) so two workers can
 * never both win the same change.
 */

export const LINK_STATES = [
  "verifying",
  "verification_failed",
  "pending_approval",
  "provisioning",
  "pending_acceptance",
  "available",
  "rejected",
  "disconnected",
  "failed",
  "expired",
  "deleting",
  "deleted",
  "denied",
] as const;

export type LinkState = (typeof LINK_STATES)[number];

/** from -> the states it may move to. Anything not listed is refused. */
export const TRANSITIONS: Readonly<Record<LinkState, readonly LinkState[]>> = {
  // Preflight checks run as the organization's principal.
  verifying: ["pending_approval", "provisioning", "verification_failed", "deleted"],
  // Fixable by the customer; verify again on demand. Nothing exists in AWS yet.
  verification_failed: ["verifying", "deleted"],
  pending_approval: ["provisioning", "denied", "verifying", "deleted"],
  // CreateVpcEndpoint in flight (or queued within EC2's budget).
  provisioning: ["pending_acceptance", "available", "failed", "deleting"],
  pending_acceptance: ["available", "rejected", "expired", "failed", "deleting"],
  // disconnected: the customer revoked the accepted connection.
  available: ["disconnected", "failed", "deleting"],
  rejected: ["deleting"],
  disconnected: ["deleting"],
  // A vendor admin may retry provisioning (repair), or the link is deleted.
  failed: ["provisioning", "deleting"],
  expired: ["deleting"],
  // DeleteVpcEndpoints until AWS agrees; a permanent refusal ends in failed.
  deleting: ["deleted", "failed"],
  deleted: [],
  denied: ["deleted"],
};

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: LinkState,
    readonly to: LinkState,
  ) {
    super(`a link cannot go from ${from} to ${to}`);
    this.name = "InvalidTransitionError";
  }
}

export function canTransition(from: LinkState, to: LinkState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns `to` when the move is allowed; throws InvalidTransitionError otherwise. */
export function transition(from: LinkState, to: LinkState): LinkState {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
  return to;
}

export function isTerminal(state: LinkState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** States that may hold an endpoint in AWS, so deleting the link must delete it there. */
export function mayHaveEndpoint(state: LinkState): boolean {
  return ["provisioning", "pending_acceptance", "available", "rejected", "disconnected", "failed", "expired", "deleting"].includes(state);
}

/**
 * States that do not hold the customer's service: not yet verified, refused, or gone. Every other
 * state does, and two organizations never hold one service at once (the Link table's exclusion
 * constraint `Link_serviceName_one_organization` lists these same states).
 */
export const RELEASES_SERVICE: readonly LinkState[] = ["verifying", "verification_failed", "denied", "deleted"];

/** States in which AWS changes the endpoint without us: the reconciler watches them. */
const IN_TRANSITION: readonly LinkState[] = ["provisioning", "pending_acceptance", "deleting"];
const SETTLED_WATCHED: readonly LinkState[] = ["available", "rejected", "disconnected", "failed", "expired"];

/** How long until the reconciler should look at a link in this state again (null: never). */
export function pollDelayMs(state: LinkState, { fastMs = 5_000, slowMs = 300_000 } = {}): number | null {
  if (IN_TRANSITION.includes(state)) return fastMs;
  if (SETTLED_WATCHED.includes(state)) return slowMs;
  return null;
}
