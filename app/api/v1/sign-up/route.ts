import { routeMethods } from "@/lib/api/methods";
import { json, parseJsonBody, route } from "@/lib/api/route";
import { signUpInputSchema } from "@/lib/auth/schemas";
import { signUp } from "@/lib/auth/sign-up";
import { getDb } from "@/lib/db/client";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: route(async ({ request, requestId }) => {
    const input = await parseJsonBody(request, signUpInputSchema);
    const result = await signUp(getDb(), input, requestId);
    return json(result, { status: 201 });
  }),
});
