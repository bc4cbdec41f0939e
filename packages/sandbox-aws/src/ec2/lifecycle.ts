import type { Runtime } from "../runtime";
import type { Endpoint, EndpointState } from "../state";

/**
 * The endpoint state machine, applied lazily: each state change schedules the next one, and every
 * EC2 request first applies whatever has come due. Zero delays therefore mean "by the next call".
 *
 *   pendingAcceptance -> pending (accepted) | rejected | expired (nobody accepted in time)
 *   pending -> available | failed;  any -> deleting -> deleted -> (gone after the retention time)
 */
export function setState(runtime: Runtime, endpoint: Endpoint, state: EndpointState, now: number): void {
  endpoint.state = state;
  endpoint.stateSince = now;
  endpoint.next = undefined;
  const { delays, state: store } = runtime;
  switch (state) {
    case "pendingAcceptance":
      store.schedule(endpoint, "expired", now + delays.expireAfterMs);
      break;
    case "pending":
      store.schedule(endpoint, endpoint.failureReason ? "failed" : "available", now + delays.pendingMs);
      break;
    case "deleting":
      store.schedule(endpoint, "deleted", now + delays.deletingMs);
      break;
    case "deleted":
      // Scheduling "deleted" again on a deleted endpoint means: forget it.
      store.schedule(endpoint, "deleted", now + delays.deletedRetentionMs);
      break;
    default:
      break;
  }
}

export function advanceLifecycle(runtime: Runtime, now: number): void {
  const store = runtime.state;
  if (now < store.nextDueAt) return;
  let nextDueAt = Number.POSITIVE_INFINITY;
  for (const endpoint of store.endpoints.values()) {
    // A chain of zero delays (pending -> available) settles in one pass.
    while (endpoint.next && endpoint.next.at <= now) {
      const { state, at } = endpoint.next;
      if (endpoint.state === "deleted" && state === "deleted") {
        store.removeEndpoint(endpoint.id);
        endpoint.next = undefined;
        break;
      }
      setState(runtime, endpoint, state, at);
    }
    if (endpoint.next && store.endpoints.has(endpoint.id)) nextDueAt = Math.min(nextDueAt, endpoint.next.at);
  }
  store.nextDueAt = nextDueAt;
}
