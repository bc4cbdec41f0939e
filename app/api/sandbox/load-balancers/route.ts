import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { sandboxConsoleOperations } from "@/lib/api/sandbox-console-operations";
import { changeSandboxLoadBalancer } from "@/lib/sandbox-console/console";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(sandboxConsoleOperations.changeSandboxLoadBalancer, async ({ ctx, body }) => {
    await changeSandboxLoadBalancer({ ctx, input: body });
    return { ok: true as const };
  }),
});
