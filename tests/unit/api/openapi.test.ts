import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/operations";

type Op = {
  operationId: string;
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: unknown;
};

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Op>).map(([method, op]) => ({ path, method, op })),
  );

  it("is OpenAPI 3.1 with one operation per declared operation, ids unique", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(operations).toHaveLength(OPERATIONS.length);
    expect(new Set(operations.map(({ op }) => op.operationId)).size).toBe(operations.length);
  });

  it("declares every path template parameter, and documents problem+json for every error", () => {
    for (const { path, op } of operations) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(op.parameters?.filter((p) => p.in === "path").map((p) => p.name) ?? [], path).toEqual(templated);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${op.operationId} ${status}`).toEqual(["application/problem+json"]);
      }
      for (const status of ["401", "403", "404", "429"]) expect(op.responses[status], `${op.operationId} ${status}`).toBeDefined();
    }
  });

  it("documents bodies with their 400/413/415/422, and Idempotency-Key on every POST", () => {
    for (const { method, op } of operations) {
      if (op.requestBody) for (const status of ["400", "413", "415", "422"]) expect(op.responses[status], `${op.operationId} ${status}`).toBeDefined();
      if (method === "post")
        expect(
          op.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key"),
          op.operationId,
        ).toBe(true);
    }
  });

  it("names every resource as a component, and answers and bodies refer to it with $ref", () => {
    const schemas = document.components.schemas as Record<string, unknown>;
    for (const name of [
      "Link",
      "LinkEvent",
      "LinkState",
      "Webhook",
      "WebhookDelivery",
      "WebhookPayload",
      "ApiKey",
      "AwsAccount",
      "Organization",
      "Connectivity",
      "Problem",
      "CreateLinkInput",
    ]) {
      expect(schemas[name], name).toBeDefined();
    }
    const answer = (path: string, method: string, status: string) =>
      (document.paths[path] as Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>)[method]!.responses[status]!
        .content["application/json"]!.schema;
    expect(answer("/api/v1/links/{id}", "get", "200")).toEqual({ $ref: "#/components/schemas/Link" });
    expect(answer("/api/v1/links", "get", "200")).toEqual({ $ref: "#/components/schemas/LinkPage" });
    expect(schemas.LinkPage).toMatchObject({ properties: { data: { items: { $ref: "#/components/schemas/Link" } } } });
    expect(answer("/api/v1/webhooks/{id}", "get", "200")).toEqual({ $ref: "#/components/schemas/Webhook" });
    // Every $ref resolves, and the Link is defined once (no inline copy of its fields elsewhere).
    const text = JSON.stringify(document);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/(\w+)"/g)) expect(schemas[name!], name).toBeDefined();
    expect(text.match(/"stateChangedAt"/g)).toHaveLength(2); // Link's property, and its required list
  });

  it("says whose API it is: contact and license", () => {
    expect(document.info).toMatchObject({ contact: { name: "API support" }, license: { name: expect.any(String) } });
    const configured = buildOpenApiDocument(undefined, {
      serverUrl: "https://portal.example.com",
      contact: { url: "https://portal.example.com/docs/api", email: "api@example.com" },
    });
    expect(configured.info.contact).toEqual({ name: "API support", url: "https://portal.example.com/docs/api", email: "api@example.com" });
    expect(configured.servers).toEqual([{ url: "https://portal.example.com" }]);
  });
});
