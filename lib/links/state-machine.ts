/**
 * The life of a link, as pure tables: TRANSITIONS, everything that can happen to a link (AWS,
 * the worker, people), and LINK_ACTIONS, what people and API callers may ask for, by name. Every
 * state change goes through `transition()` and is persisted with a guarded update (where state =
 * from) so two workers can never both win the same change. Verbs, the views' `allowedActions`,
 * the UI and the API document all read the actions from here. Client-safe: no imports.
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

/** States in which AWS changes the endpoint without us: the reconciler looks at them often. */
export const IN_TRANSITION: readonly LinkState[] = ["provisioning", "pending_acceptance", "deleting"];
/** Settled states that still hold an endpoint: the reconciler looks at them rarely. */
export const SETTLED_WITH_ENDPOINT: readonly LinkState[] = ["available", "rejected", "disconnected", "failed", "expired"];

/** States that may hold an endpoint in AWS: the reconciler watches them, and deleting such a link must delete it there. */
export const HOLDS_ENDPOINT: readonly LinkState[] = [...IN_TRANSITION, ...SETTLED_WITH_ENDPOINT];

export function mayHaveEndpoint(state: LinkState): boolean {
  return HOLDS_ENDPOINT.includes(state);
}

/** States a worker or AWS is about to change: worth showing as under way (and polling, in the portal). */
export function isMoving(state: LinkState): boolean {
  return state === "verifying" || IN_TRANSITION.includes(state);
}

/**
 * States that do not hold the customer's service: not yet verified, refused, or gone. Every other
 * state does, and two organizations never hold one service at once (the Link table's exclusion
 * constraint `Link_serviceName_one_organization` lists these same states).
 */
export const RELEASES_SERVICE: readonly LinkState[] = ["verifying", "verification_failed", "denied", "deleted"];

/** Deleted links are history: they count toward no quota and keep no name (the migration's name constraint leaves them out too). */
export const GONE: readonly LinkState[] = ["deleted"];

/** States in which a link no longer stands for its service in its region: the service may be registered there again. */
export const FREES_REGISTRATION: readonly LinkState[] = ["deleting", "deleted", "denied"];

/** How long until the reconciler should look at a link in this state again (null: never). */
export function pollDelayMs(state: LinkState, { fastMs = 5_000, slowMs = 30_000 } = {}): number | null {
  if (IN_TRANSITION.includes(state)) return fastMs;
  if (SETTLED_WITH_ENDPOINT.includes(state)) return slowMs;
  return null;
}

/** Who may ask for an action: a member (or key) of the link's organization, or a vendor admin. */
export type ActionRole = "member" | "admin";

type LinkAction = {
  /** The states the action is allowed in; elsewhere it is a 409 conflict. */
  from: readonly LinkState[];
  /** Where the action moves the link; null: it stays where it is. */
  to: LinkState | null;
  by: readonly ActionRole[];
  /** How the conflict names it: "Link … is failed; it cannot be approved now." */
  pastTense: string;
};

/** Every state but the two of deletion: deleting again changes nothing rather than conflict. */
const DELETABLE = LINK_STATES.filter((state) => state !== "deleting" && state !== "deleted");

/**
 * What people and API callers may do to a link, each an operation of the API of the same name
 * (verifyLink, approveLink...). `to` is the state the action moves the link to; a link that holds
 * no endpoint skips `deleting` (deleteLink). `reconcile` moves nothing: it has the reconciler
 * describe the link's endpoint now (reconcileLink).
 */
export const LINK_ACTIONS = {
  verify: { from: ["verification_failed", "pending_approval"], to: "verifying", by: ["member", "admin"], pastTense: "verified again" },
  approve: { from: ["pending_approval"], to: "provisioning", by: ["admin"], pastTense: "approved" },
  deny: { from: ["pending_approval"], to: "denied", by: ["admin"], pastTense: "denied" },
  retry: { from: ["failed"], to: "provisioning", by: ["admin"], pastTense: "retried" },
  delete: { from: DELETABLE, to: "deleting", by: ["member", "admin"], pastTense: "deleted" },
  reconcile: { from: HOLDS_ENDPOINT, to: null, by: ["admin"], pastTense: "reconciled" },
} as const satisfies Record<string, LinkAction>;

export type LinkActionName = keyof typeof LINK_ACTIONS;
export const LINK_ACTION_NAMES = Object.keys(LINK_ACTIONS) as LinkActionName[];
/** The actions that move a link to another state. */
export type MovingActionName = { [A in LinkActionName]: (typeof LINK_ACTIONS)[A]["to"] extends null ? never : A }[LinkActionName];

/** Whether `action` may be asked for in `state`. */
export function isActionAllowed(action: LinkActionName, state: LinkState): boolean {
  return (LINK_ACTIONS[action].from as readonly LinkState[]).includes(state);
}

/** Where `action` takes a link in `state` (a link without an endpoint is deleted at once). */
export function actionTarget(action: MovingActionName, state: LinkState): LinkState {
  return action === "delete" && !mayHaveEndpoint(state) ? "deleted" : LINK_ACTIONS[action].to;
}

/** The actions `role` may take on a link in `state` now, in the table's order. */
export function allowedActions(state: LinkState, role: ActionRole): LinkActionName[] {
  return LINK_ACTION_NAMES.filter((action) => (LINK_ACTIONS[action].by as readonly ActionRole[]).includes(role) && isActionAllowed(action, state));
}

/** The states an action is allowed in, as a sentence for the API document. */
export function allowedInSentence(action: LinkActionName): string {
  const named = LINK_ACTIONS[action].from.map((state) => `\`${state}\``);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named.at(-1)}`;
  return `Allowed in ${list}; in any other state it is a 409.`;
}
