import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { sandboxConsoleOperations } from "@/lib/api/sandbox-console-operations";
import { readSandboxConsole } from "@/lib/sandbox-console/console";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(sandboxConsoleOperations.readSandboxConsole, ({ ctx, query }) => readSandboxConsole({ ctx, input: query })),
});
