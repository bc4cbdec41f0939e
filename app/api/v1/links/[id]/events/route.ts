import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { listLinkEvents } from "@/lib/links/read-links";

export const GET = apiRoute(operations.listLinkEvents, async ({ ctx, params }) => ({ data: await listLinkEvents({ engine: apiEngine(), ctx, linkId: params.id }) }));
