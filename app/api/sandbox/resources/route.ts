import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { sandboxConsoleOperations } from "@/lib/api/sandbox-console-operations";
import { createSandboxResource } from "@/lib/sandbox-console/console";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(sandboxConsoleOperations.createSandboxResource, ({ ctx, body }) => createSandboxResource({ ctx, input: body })),
});
