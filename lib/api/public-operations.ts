import { z } from "zod";
import { signUpAnswerSchema, signUpInputSchema } from "@/lib/auth/schemas";
import { defineOperation } from "./operation";

// Through the same wrapper as the others (request id, problem+json, body limits, parsing), but not in the document.
export const publicOperations = {
  signUp: defineOperation({
    operationId: "signUp",
    method: "POST",
    path: "/api/v1/sign-up",
    tag: "Portal",
    summary: "Create an account: a user and the organization they own (the portal's sign-up page)",
    description: "Answers alike whether or not the address already has an account (which is then left as it is); sign in next.",
    access: "public",
    body: signUpInputSchema,
    success: { status: 202, description: "Sign in with this email and password.", schema: signUpAnswerSchema },
    errors: [429],
  }),
  getOpenApiDocument: defineOperation({
    operationId: "getOpenApiDocument",
    method: "GET",
    path: "/api/v1/openapi.json",
    tag: "Portal",
    summary: "The OpenAPI 3.1 document of /api/v1",
    access: "public",
    success: { status: 200, description: "The document.", schema: z.record(z.string(), z.unknown()), cacheControl: "public, max-age=300" },
  }),
};
