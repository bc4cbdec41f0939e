import { ModifyTargetGroupAttributesCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, exchange, freePort, resolve4, startEcho, waitForHealth, type World } from "../fixtures/data-plane";
import { withSandbox } from "../fixtures/sandbox";

/** Real TCP health checks (intervals scaled down), and how the NLB routes on what they find: zones, cross-zone, failing open. */

const SCALE = { dataPlane: { ports: [], healthCheckScale: 0.02 } };
let echo: Awaited<ReturnType<typeof startEcho>>;

beforeAll(async () => {
  echo = await startEcho();
});
afterAll(() => echo.close());

const states = (rows: { TargetHealth?: { State?: string } }[]) => rows.map((r) => r.TargetHealth?.State);

describe("sandbox data plane: health checks and zones", () => {
  const sandbox = withSandbox(SCALE);
  let world: World;
  let closedPort = 0;

  beforeAll(async () => {
    closedPort = await freePort();
    // Zone a has a live target, zone b only one whose port is closed.
    const zones = ["us-east-1a", "us-east-1b"];
    world = await buildWorld(sandbox(), {
      name: "zones",
      targets: [
        { port: echo.port, zone: zones[0] },
        { port: closedPort, zone: zones[1] },
      ],
    });
  });

  it("reports what the checks find: initial, then healthy for the live target and unhealthy for the closed port", async () => {
    const rows = await waitForHealth(sandbox(), world, (r) => !states(r).includes("initial"));
    const byPort = Object.fromEntries(rows.map((r) => [r.Target?.Port, r.TargetHealth]));
    expect(byPort[echo.port]).toEqual({ State: "healthy" });
    expect(byPort[closedPort]).toMatchObject({ State: "unhealthy", Reason: "Target.FailedHealthChecks" });
  });

  it("with cross-zone load balancing off, the zone without a healthy target times out while the other works", async () => {
    const [a] = await resolve4(sandbox(), world.zonalNames["us-east-1a"]!);
    const [b] = await resolve4(sandbox(), world.zonalNames["us-east-1b"]!);
    expect(await exchange(a!, world.listenerPort)).toBe("ok");
    expect(await exchange(b!, world.listenerPort)).toBe("timeout");
  });

  it("with cross-zone load balancing on (the group's attribute), both zones reach the healthy target", async () => {
    await world.elb.send(
      new ModifyTargetGroupAttributesCommand({ TargetGroupArn: world.groupArn, Attributes: [{ Key: "load_balancing.cross_zone.enabled", Value: "true" }] }),
    );
    for (const name of Object.values(world.zonalNames)) {
      const [address] = await resolve4(sandbox(), name);
      expect(await exchange(address!, world.listenerPort)).toBe("ok");
    }
  });
});

describe("sandbox data plane: failing open", () => {
  const sandbox = withSandbox(SCALE);

  it("sends to every target when all are unhealthy, so a closed port is refused", async () => {
    const world = await buildWorld(sandbox(), { name: "closed", targets: [{ port: await freePort() }] });
    const [address] = await resolve4(sandbox(), world.regionalName);
    await waitForHealth(sandbox(), world, (r) => states(r).every((s) => s === "unhealthy"));
    expect(await exchange(address!, world.listenerPort)).toBe("refused");
  });

  it("reports targets it never dials (outside 127.0.0.0/8) unhealthy, and drops what would go to them", async () => {
    const world = await buildWorld(sandbox(), { name: "remote", targets: [], remoteTargets: ["10.20.0.10"] });
    const rows = await waitForHealth(sandbox(), world, (r) => r.length === 1 && states(r)[0] !== "initial");
    expect(rows[0]?.TargetHealth).toMatchObject({ State: "unhealthy", Reason: "Target.FailedHealthChecks" });
    const [address] = await resolve4(sandbox(), world.regionalName);
    expect(await exchange(address!, world.listenerPort)).toBe("timeout");
  });
});
