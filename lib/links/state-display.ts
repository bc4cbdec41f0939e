import type { LinkKind } from "./schemas";
import type { LinkState } from "./state-machine";

// One record per state, so a new state does not compile until it says how it shows. Client-safe.

export const LINK_STEPS = ["Verify", "Approve", "Create endpoint", "Accept", "Available"] as const;

/** The badge's colour: under way, the customer's turn, ours, done, broken, idle, gone. */
export type StateTone = "progress" | "attention" | "review" | "success" | "danger" | "neutral" | "faded";

type StateDisplay = {
  label: string;
  tone: StateTone;
  nextStep: string;
  /** index LINK_STEPS.length: past the last; null: no progress to show. */
  step: { index: number; isStopped: boolean } | null;
  /** Elsewhere the next step says it all. */
  showsError: boolean;
  /** Before that the DNS names resolve to nothing usable. */
  showsDnsNames: boolean;
  /** The detailed "accept the request in your account", once the endpoint id is known. */
  asksToAccept: boolean;
};

const at = (index: number, isStopped = false) => ({ index, isStopped });

export const STATE_DISPLAY: Readonly<Record<LinkState, StateDisplay>> = {
  verifying: {
    label: "Verifying",
    tone: "progress",
    nextStep: "We are checking your endpoint service as your organization's principal.",
    step: at(0),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  verification_failed: {
    label: "Needs your attention",
    tone: "attention",
    nextStep: "Fix what the failed check names, then verify again.",
    step: at(0, true),
    showsError: true,
    showsDnsNames: false,
    asksToAccept: false,
  },
  pending_approval: {
    label: "Waiting for approval",
    tone: "review",
    nextStep: "Our team reviews new links for your organization; you will see the result here.",
    step: at(1),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  provisioning: {
    label: "Provisioning",
    tone: "progress",
    nextStep: "We are creating the interface endpoint in our VPC.",
    step: at(2),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  pending_acceptance: {
    label: "Accept in your account",
    tone: "attention",
    nextStep: "Accept the connection request in your AWS account (VPC console → Endpoint services → Endpoint connections).",
    step: at(3),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: true,
  },
  available: {
    label: "Available",
    tone: "success",
    nextStep: "Connected. Point your clients at the DNS names below.",
    step: at(LINK_STEPS.length),
    showsError: false,
    showsDnsNames: true,
    asksToAccept: false,
  },
  rejected: {
    label: "Rejected",
    tone: "danger",
    nextStep: "The request was rejected in your account. Reconnect to send a new request and accept it, or delete this link.",
    step: at(3, true),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  disconnected: {
    label: "Disconnected",
    tone: "danger",
    nextStep: "The connection was revoked in your account. Reconnect to send a new request, or delete this link.",
    step: at(4, true),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  failed: {
    label: "Failed",
    tone: "danger",
    nextStep: "Something went wrong on our side or in AWS; the error says what. Reconnect to verify and provision it again, or our team can retry it.",
    step: at(2, true),
    showsError: true,
    showsDnsNames: false,
    asksToAccept: false,
  },
  expired: {
    label: "Expired",
    tone: "neutral",
    nextStep: "Nobody accepted the request in time. Reconnect to send a new request, then accept it.",
    step: at(3, true),
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  deleting: {
    label: "Deleting",
    tone: "neutral",
    nextStep: "We are deleting the endpoint.",
    step: null,
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  deleted: {
    label: "Deleted",
    tone: "faded",
    nextStep: "This link is deleted.",
    step: null,
    showsError: false,
    showsDnsNames: false,
    asksToAccept: false,
  },
  denied: {
    label: "Denied",
    tone: "danger",
    nextStep: "Our team denied this link; the reason is below.",
    step: at(1, true),
    showsError: true,
    showsDnsNames: false,
    asksToAccept: false,
  },
};

/** A resource link has no acceptance: AWS makes a resource endpoint available as soon as it exists. */
const RESOURCE_STEPS = LINK_STEPS.filter((step) => step !== "Accept");
const ACCEPT_INDEX = LINK_STEPS.indexOf("Accept");

/** The steps a link of `kind` goes through to available. */
export function linkStepsOf(kind: LinkKind): readonly string[] {
  return kind === "resource" ? RESOURCE_STEPS : LINK_STEPS;
}

/** Where a link stands among linkStepsOf(kind): past the acceptance step, a resource link is one step further along. */
export function stepOf(state: LinkState, kind: LinkKind): StateDisplay["step"] {
  const step = STATE_DISPLAY[state].step;
  if (!step || kind === "service" || step.index <= ACCEPT_INDEX) return step;
  return { ...step, index: step.index - 1 };
}

// Where a resource link's next step reads otherwise than a service link's: no endpoint service, and its owner cuts it off by
// unsharing or deleting the configuration, not by rejecting a connection.
const RESOURCE_NEXT_STEP: Partial<Record<LinkState, string>> = {
  verifying: "We are checking your resource configuration as your organization's principal, and accepting its AWS RAM share.",
  provisioning: "We are creating the resource endpoint in our VPC.",
  disconnected: "Your resource configuration was cut off from our endpoint in your account: the cause and what to do are below.",
};

export function nextStepOf(state: LinkState, kind: LinkKind): string {
  return (kind === "resource" ? RESOURCE_NEXT_STEP[state] : undefined) ?? STATE_DISPLAY[state].nextStep;
}

/** Whether the link's last error shows beside its next step: a disconnected resource link's says which of three causes and what to do for it. */
export function showsErrorOf(state: LinkState, kind: LinkKind): boolean {
  return STATE_DISPLAY[state].showsError || (kind === "resource" && state === "disconnected");
}

/** lastError's code when the release found the customer's endpoint service gone (lib/links/release-endpoint.ts). */
export const SERVICE_DELETED = "ServiceDeleted";

// Why our endpoint goes, or went, for each state it is released from (lib/links/state-machine.ts, RELEASABLE).
const RELEASE_CAUSE: Partial<Record<LinkState, string>> = {
  rejected: "You rejected this connection.",
  disconnected: "You revoked this connection after it was available.",
  expired: "Nobody accepted this connection request in time.",
};

const RESOURCE_RELEASE_CAUSE: Partial<Record<LinkState, string>> = {
  disconnected: "Your resource configuration was cut off from our endpoint after the link was available.",
};

type Releasable = {
  state: LinkState;
  kind?: LinkKind;
  releaseAt: string | null;
  endpointReleasedAt: string | null;
  lastError: { code: string } | null;
};

/** The customer's sentence on our endpoint's release, dates written by `dateOf`; null when nothing is or was due. */
export function releaseSentence(link: Releasable, dateOf: (iso: string) => string): string | null {
  const cause =
    link.lastError?.code === SERVICE_DELETED
      ? "You deleted your endpoint service."
      : ((link.kind === "resource" ? RESOURCE_RELEASE_CAUSE[link.state] : undefined) ?? RELEASE_CAUSE[link.state]);
  if (!cause) return null;
  if (link.endpointReleasedAt) return `${cause} Our endpoint was deleted on ${dateOf(link.endpointReleasedAt)}.`;
  if (link.releaseAt) return `${cause} We will delete our endpoint on ${dateOf(link.releaseAt)}.`;
  return null;
}
