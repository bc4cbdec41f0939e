import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { sandboxConsoleOperations } from "@/lib/api/sandbox-console-operations";
import { createSandboxService } from "@/lib/sandbox-console/console";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(sandboxConsoleOperations.createSandboxService, ({ ctx, body }) => createSandboxService({ ctx, input: body })),
});
