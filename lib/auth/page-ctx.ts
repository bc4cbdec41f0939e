import "server-only";
import { randomUUID } from "node:crypto";
import { API_SCOPES, type Ctx } from "@/lib/context";
import { appEngine } from "@/lib/engine";
import { getLogger } from "@/lib/logger";
import { pageSession } from "./page-guards";

/** As the API's session identity without X-Organization, so a page reads exactly what its client components would from /api/v1. */
export async function pageCtx(): Promise<Ctx | null> {
  const { user, active: membership } = await pageSession();
  if (!membership) return null;
  const requestId = randomUUID();
  return {
    actor: { type: "user", id: user.id },
    organizationId: membership.organization.id,
    role: membership.role,
    scopes: API_SCOPES,
    requestId,
    engine: appEngine(),
    log: getLogger().child({ requestId }),
  };
}
