import { EventEmitter } from "node:events";
import { connect } from "node:net";
import type { TargetGroupRecord, TargetRecord } from "../elbv2/store";
import { targetKey, type Destination, type Probe, type TargetStatus } from "./routing";

/**
 * Real health checks: a TCP connect to each watched target on its health check port, at the group's
 * interval (times `scale`), counted against its thresholds as ELB does. Whatever the group's health
 * check protocol, a check is a TCP connect. Only targets with a loopback destination (routing.ts
 * `locate`) are ever dialled; the others are unhealthy without a packet sent.
 */

interface Entry extends TargetStatus {
  groupArn: string;
  /** Where the checks connect: the destination of the target's health check port; unset when out of reach. */
  destination?: Destination;
  check: TargetGroupRecord["healthCheck"];
  successes: number;
  failures: number;
  timer?: NodeJS.Timeout;
}

export type HealthView = {
  State: string;
  Reason?: string;
  Description?: string;
};

export const UNREACHABLE =
  "The sandbox connects only to IP targets in 127.0.0.0/8 (standing for hosts in the VPC), sandbox instances and endpoint interfaces it serves; this target is never dialled, so it fails its health checks.";

/** Where the checks of a target on its health check port connect, or undefined when nothing stands for it. */
export type Locate = (group: TargetGroupRecord, target: TargetRecord, port: number) => Destination | undefined;

const sameDestination = (a?: Destination, b?: Destination) => a?.host === b?.host && a?.port === b?.port;

export class HealthChecker extends EventEmitter<{ change: [key: string]; transition: [key: string, from: string, to: string] }> {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly scale: number) {
    super();
  }

  /**
   * Checks exactly these groups' targets from now on: new ones start `initial`, dropped ones stop; a target whose
   * destination changed (an instance made, an endpoint's address bound) starts over as a new one.
   */
  watch(groups: TargetGroupRecord[], locate: Locate): void {
    const wanted = new Set<string>();
    for (const group of groups) {
      for (const target of group.targets) {
        const key = targetKey(group.arn, target);
        wanted.add(key);
        const check = group.healthCheck;
        const destination = locate(group, target, check.port === "traffic-port" ? target.port : Number(check.port));
        const existing = this.entries.get(key);
        if (existing && sameDestination(existing.destination, destination)) {
          existing.check = check;
          continue;
        }
        if (existing) clearTimeout(existing.timer);
        this.add(key, group, destination);
      }
    }
    for (const [key, entry] of this.entries) {
      if (wanted.has(key)) continue;
      clearTimeout(entry.timer);
      this.entries.delete(key);
    }
  }

  private add(key: string, group: TargetGroupRecord, destination: Destination | undefined): void {
    const entry: Entry = { groupArn: group.arn, destination, check: group.healthCheck, successes: 0, failures: 0, state: "initial" };
    if (!group.healthCheck.enabled) entry.state = "unavailable";
    else if (!destination) Object.assign(entry, { state: "unhealthy", last: "timeout" });
    else this.schedule(key, entry, 0);
    this.entries.set(key, entry);
  }

  status(key: string): TargetStatus {
    const entry = this.entries.get(key);
    return entry ? { state: entry.state, last: entry.last } : { state: "initial" };
  }

  isWatched(key: string): boolean {
    return this.entries.has(key);
  }

  /** DescribeTargetHealth's TargetHealth for a watched target, with ELB's reason codes. */
  view(key: string): HealthView {
    const entry = this.entries.get(key);
    if (!entry || entry.state === "initial") return { State: "initial", Reason: "Elb.InitialHealthChecking", Description: "Initial health checks in progress" };
    if (entry.state === "unavailable") return { State: "unavailable", Reason: "Target.HealthCheckDisabled", Description: "Health checks are disabled" };
    if (entry.state === "healthy") return { State: "healthy" };
    if (!entry.destination) return { State: "unhealthy", Reason: "Target.FailedHealthChecks", Description: UNREACHABLE };
    return entry.last === "timeout"
      ? { State: "unhealthy", Reason: "Target.Timeout", Description: "Request timed out" }
      : { State: "unhealthy", Reason: "Target.FailedHealthChecks", Description: "Health checks failed" };
  }

  private schedule(key: string, entry: Entry, delayMs: number): void {
    entry.timer = setTimeout(() => void this.run(key, entry), delayMs);
    entry.timer.unref();
  }

  private async run(key: string, entry: Entry): Promise<void> {
    const { destination } = entry;
    if (!destination) return;
    const result = await tcpCheck(destination.host, destination.port, entry.check.timeoutSeconds * 1000 * this.scale);
    if (this.closed || this.entries.get(key) !== entry) return;
    const before = { state: entry.state, last: entry.last };
    entry.last = result;
    if (result === "ok") {
      entry.failures = 0;
      entry.successes += 1;
      if (entry.state !== "healthy" && entry.successes >= entry.check.healthyThreshold) entry.state = "healthy";
    } else {
      entry.successes = 0;
      entry.failures += 1;
      if (entry.state !== "unhealthy" && entry.failures >= entry.check.unhealthyThreshold) entry.state = "unhealthy";
    }
    if (before.state !== entry.state) this.emit("transition", key, before.state, entry.state);
    if (before.state !== entry.state || before.last !== entry.last) this.emit("change", key);
    this.schedule(key, entry, entry.check.intervalSeconds * 1000 * this.scale);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
  }
}

function tcpCheck(host: string, port: number, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: Probe) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done("timeout"), Math.max(1, timeoutMs));
    socket.once("connect", () => done("ok"));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ETIMEDOUT" ? "timeout" : "refused"));
  });
}
