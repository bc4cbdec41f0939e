import "server-only";
import type { Engine } from "@/lib/engine";
import { sandboxTargetSchema, type SandboxTarget } from "./schemas";

/**
 * The portal's own database as a sandbox target, when it listens on an IPv4 loopback address (the embedded PostgreSQL of
 * `npm run dev`): a real TCP service a probe can reach through the load balancer. The server says where it listens, so
 * this holds whatever DATABASE_URL spells (localhost, a socket). Null for any other database: the sandbox never connects
 * elsewhere.
 */
export async function databaseTarget({ db }: Pick<Engine, "db">): Promise<SandboxTarget | null> {
  const [server] = await db.$queryRaw<{ address: string | null; port: number | null }[]>`
    SELECT host(inet_server_addr()) AS address, inet_server_port() AS port`;
  const target = sandboxTargetSchema.safeParse({ address: server?.address, port: server?.port });
  return target.success ? target.data : null;
}
