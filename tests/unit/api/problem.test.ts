import { describe, expect, it } from "vitest";
import { problemResponse } from "@/lib/api/problem";
import { AppError, STATUS_BY_CODE } from "@/lib/errors";

describe("problem+json", () => {
  it("carries the RFC 9457 members, our code, request id and invalid params", async () => {
    const error = new AppError("validation_failed", "Bad fields.", { invalidParams: [{ name: "email", reason: "Enter a valid email" }] });
    const response = problemResponse(error, { requestId: "req-1", instance: "/api/v1/sign-up" });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "/docs/errors#validation_failed",
      title: "Your request has invalid fields",
      status: 422,
      detail: "Bad fields.",
      instance: "/api/v1/sign-up",
      code: "validation_failed",
      requestId: "req-1",
      invalidParams: [{ name: "email", reason: "Enter a valid email" }],
    });
  });

  it("sets Retry-After on 429", () => {
    const response = problemResponse(new AppError("too_many_requests", "Slow down.", { retryAfter: 120 }), { requestId: "r", instance: "/" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("120");
  });

  it("maps every code to a 4xx or 5xx status", () => {
    for (const status of Object.values(STATUS_BY_CODE)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
