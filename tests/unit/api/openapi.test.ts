import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { OPERATIONS } from "@/lib/api/operations";

type Op = { operationId: string; parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, unknown> }>; requestBody?: unknown };

describe("OpenAPI document", () => {
  const document = buildOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods as Record<string, Op>).map(([method, op]) => ({ path, method, op })));

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
      if (method === "post") expect(op.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key"), op.operationId).toBe(true);
    }
  });
});
