import { beforeAll, describe, expect, it } from "vitest";
import { createOrganizationWithKey, withLinkEngine } from "../fixtures/app";
import { call, HANDLERS } from "../api/api-helpers";
import { expectDocumented } from "../api/openapi-check";

/** A link's ports: any the region offers (22 too), all of them by default; a port it does not offer is refused by name. */
const { engine } = withLinkEngine();
const OFFERED = [22, 443, 5432];
const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";

beforeAll(async () => {
  await engine().db.vendorRegion.update({ where: { region: "us-east-1" }, data: { ports: OFFERED } });
});

async function register(key: string, body: Record<string, unknown>) {
  const response = await call(HANDLERS.createLink!, {
    method: "POST",
    path: "/api/v1/links",
    body: { serviceName: SERVICE, region: "us-east-1", ...body },
    caller: { key },
  });
  return { status: response.status, body: (await expectDocumented("createLink", response)) as Record<string, unknown> };
}

describe("a link's ports", () => {
  it("defaults to every port the region offers, with TLS checked on 443 only (22 is plain TCP)", async () => {
    const { key } = await createOrganizationWithKey();
    const created = await register(key, { name: "every-port" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ports: OFFERED, tlsPorts: [443] });
  });

  it("takes 22 alone, as an SSH bastion's link", async () => {
    const { key } = await createOrganizationWithKey();
    const created = await register(key, { name: "bastion", ports: [22] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ports: [22], tlsPorts: [] });
  });

  it("refuses a port the region does not offer, naming the ones it does, and registers nothing", async () => {
    const { key, org } = await createOrganizationWithKey();
    const refused = await register(key, { name: "mysql", ports: [22, 3306] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "validation_failed",
      detail: "We do not connect to port 3306 in us-east-1.",
      invalidParams: [{ name: "ports", reason: "Choose among 22, 443, 5432" }],
    });
    const none = await register(key, { name: "no-port", ports: [] });
    expect(none).toMatchObject({ status: 422, body: { invalidParams: [{ name: "ports", reason: "Choose at least one port" }] } });
    expect(await engine().db.link.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("gives a kit for port 22 once the region offers it", async () => {
    const { key } = await createOrganizationWithKey();
    const response = await call(HANDLERS.getSetupKit!, {
      method: "GET",
      path: "/api/v1/setup-kits/cli?region=us-east-1&target=instance&ports=22",
      params: { format: "cli" },
      caller: { key },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("PORTS=(22)");
  });
});
