import { json, parseJsonBody, route } from "@/lib/api/route";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { getDb } from "@/lib/db/client";

export const POST = route(async ({ request, requestId }) => {
  const input = await parseJsonBody(request, signUpInputSchema);
  const result = await signUp(getDb(), input, requestId);
  return json(result, { status: 201 });
});
