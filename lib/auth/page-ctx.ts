import "server-only";
import { randomUUID } from "node:crypto";
import { API_SCOPES, type Ctx } from "@/lib/context";
import { appEngine } from "@/lib/engine";
import { getLogger } from "@/lib/logger";
import { pageSession } from "./page-guards";

/**
 * A server-rendered page's ctx: the signed-in member acting for their active organization, as the
 * API's session identity does without X-Organization, so a page reads exactly what its client
 * components would read from /api/v1.
 */
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
