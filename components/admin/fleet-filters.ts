import { adminListLinksQuerySchema } from "@/lib/links/admin-schemas";
import type { FleetFilters } from "./use-admin-links";

const FROM_URL = adminListLinksQuerySchema.pick({ state: true, region: true, organizationId: true, errorCode: true, q: true }).shape;

/**
 * The fleet's filters named in its address (`/admin/links?organizationId=…`), so other pages link
 * into a filtered fleet; a value that is not valid is left out rather than refused.
 */
export function fleetFiltersOf(params: Record<string, string | string[] | undefined>): FleetFilters {
  const filters: Record<string, string> = {};
  for (const [name, schema] of Object.entries(FROM_URL)) {
    const raw = params[name];
    const parsed = schema.safeParse(Array.isArray(raw) ? raw.at(-1) : raw);
    if (parsed.success && parsed.data !== undefined) filters[name] = parsed.data;
  }
  return filters as FleetFilters;
}
