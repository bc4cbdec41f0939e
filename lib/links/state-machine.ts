// Client-safe (no imports). Every state change goes through `transition()` and is persisted with a guarded update
// (where state = from), so two workers can never both win the same change. Verbs, `allowedActions`, the UI and the
// API document all read LINK_ACTIONS rather than repeat its rules.

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

export const TRANSITIONS: Readonly<Record<LinkState, readonly LinkState[]>> = {
  verifying: ["pending_approval", "provisioning", "verification_failed", "deleted"],
  // Nothing exists in AWS yet.
  verification_failed: ["verifying", "deleted"],
  pending_approval: ["provisioning", "denied", "verifying", "deleted"],
  // CreateVpcEndpoint in flight, or queued for EC2's budget.
  provisioning: ["pending_acceptance", "available", "failed", "deleting"],
  pending_acceptance: ["available", "rejected", "expired", "failed", "deleting"],
  // disconnected: the customer revoked the accepted connection.
  available: ["disconnected", "failed", "deleting"],
  // verifying: reconnected (a new endpoint for the same service, verified and approved as a new link would be).
  rejected: ["deleting", "verifying"],
  disconnected: ["deleting", "verifying"],
  failed: ["provisioning", "deleting", "verifying"],
  expired: ["deleting", "verifying"],
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

export function transition(from: LinkState, to: LinkState): LinkState {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
  return to;
}

export function isTerminal(state: LinkState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** AWS changes the endpoint without us: the reconciler looks often. */
export const IN_TRANSITION: readonly LinkState[] = ["provisioning", "pending_acceptance", "deleting"];
/** Settled, still holding an endpoint: the reconciler looks rarely. */
export const SETTLED_WITH_ENDPOINT: readonly LinkState[] = ["available", "rejected", "disconnected", "failed", "expired"];

/** Deleting a link in these states must delete its endpoint in AWS too. */
export const HOLDS_ENDPOINT: readonly LinkState[] = [...IN_TRANSITION, ...SETTLED_WITH_ENDPOINT];

export function mayHaveEndpoint(state: LinkState): boolean {
  return HOLDS_ENDPOINT.includes(state);
}

/**
 * The customer turned the link away and can no longer accept it (pending acceptance is not among them): our endpoint is
 * deleted RELEASE_AFTER_SECONDS after the link enters one, and the link keeps its state.
 */
export const RELEASABLE: readonly LinkState[] = ["rejected", "disconnected", "expired"];

export function isReleasable(state: LinkState): boolean {
  return RELEASABLE.includes(state);
}

/** States a worker or AWS is about to change: worth showing as under way (and polling, in the portal). */
export function isMoving(state: LinkState): boolean {
  return state === "verifying" || IN_TRANSITION.includes(state);
}

// Every other state holds the service, and two organizations never hold one at once: the exclusion constraint
// `Link_serviceName_one_organization` lists these same states.
export const RELEASES_SERVICE: readonly LinkState[] = ["verifying", "verification_failed", "denied", "deleted"];

/** Deleted links are history: they count toward no quota and keep no name (the migration's name constraint leaves them out too). */
export const GONE: readonly LinkState[] = ["deleted"];

/** States in which a link no longer stands for its service in its region: the service may be registered there again. */
export const FREES_REGISTRATION: readonly LinkState[] = ["deleting", "deleted", "denied"];

/** null: the reconciler never looks at the link again. */
export function pollDelayMs(state: LinkState, { fastMs = 5_000, slowMs = 30_000 } = {}): number | null {
  if (IN_TRANSITION.includes(state)) return fastMs;
  if (SETTLED_WITH_ENDPOINT.includes(state)) return slowMs;
  return null;
}

/** member: a member (or API key) of the link's organization. */
export type ActionRole = "member" | "admin";

type LinkAction = {
  /** The states the action is allowed in; elsewhere it is a 409 conflict. */
  from: readonly LinkState[];
  /** null: the link stays where it is. */
  to: LinkState | null;
  by: readonly ActionRole[];
  /** For the conflict: "Link … is failed; it cannot be approved now." */
  pastTense: string;
};

/** Every state but the two of deletion: deleting again changes nothing rather than conflict. */
const DELETABLE = LINK_STATES.filter((state) => state !== "deleting" && state !== "deleted");

// Each action is the API operation of the same name (verifyLink, approveLink...). `reconcile` and `probe` move nothing:
// they have the reconciler describe the link's endpoint now, or the worker probe its connectivity now. `release` moves
// nothing either: it deletes the endpoint of a link the customer turned away now rather than at its releaseAt (and only
// while the link still holds one: the verb and the view check endpointReleasedAt, which no state says).
export const LINK_ACTIONS = {
  verify: { from: ["verification_failed", "pending_approval"], to: "verifying", by: ["member", "admin"], pastTense: "verified again" },
  approve: { from: ["pending_approval"], to: "provisioning", by: ["admin"], pastTense: "approved" },
  deny: { from: ["pending_approval"], to: "denied", by: ["admin"], pastTense: "denied" },
  retry: { from: ["failed"], to: "provisioning", by: ["admin"], pastTense: "retried" },
  delete: { from: DELETABLE, to: "deleting", by: ["member", "admin"], pastTense: "deleted" },
  reconcile: { from: HOLDS_ENDPOINT, to: null, by: ["admin"], pastTense: "reconciled" },
  probe: { from: ["available"], to: null, by: ["member", "admin"], pastTense: "probed" },
  release: { from: RELEASABLE, to: null, by: ["admin"], pastTense: "released" },
  // The way back after a revoke, a rejection, an expiry, a failure or a lost endpoint: the old endpoint goes, the link is
  // verified again and, if its organization's policy asks, approved again; provisioning then makes a new endpoint.
  reconnect: { from: [...RELEASABLE, "failed"], to: "verifying", by: ["member", "admin"], pastTense: "reconnected" },
} as const satisfies Record<string, LinkAction>;

export type LinkActionName = keyof typeof LINK_ACTIONS;
export const LINK_ACTION_NAMES = Object.keys(LINK_ACTIONS) as LinkActionName[];
export type MovingActionName = { [A in LinkActionName]: (typeof LINK_ACTIONS)[A]["to"] extends null ? never : A }[LinkActionName];

export function isActionAllowed(action: LinkActionName, state: LinkState): boolean {
  return (LINK_ACTIONS[action].from as readonly LinkState[]).includes(state);
}

/** A link holding no endpoint skips `deleting`. */
export function actionTarget(action: MovingActionName, state: LinkState): LinkState {
  return action === "delete" && !mayHaveEndpoint(state) ? "deleted" : LINK_ACTIONS[action].to;
}

export function allowedActions(state: LinkState, role: ActionRole): LinkActionName[] {
  return LINK_ACTION_NAMES.filter((action) => (LINK_ACTIONS[action].by as readonly ActionRole[]).includes(role) && isActionAllowed(action, state));
}

export function allowedInSentence(action: LinkActionName): string {
  const named = LINK_ACTIONS[action].from.map((state) => `\`${state}\``);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
  return `Allowed in ${list}; in any other state it is a 409.`;
}
