import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { denyLink } from "@/lib/links/approve-link";
import { toLinkView } from "@/lib/links/views";

export const POST = apiRoute(operations.denyLink, async ({ ctx, params, body }) =>
  toLinkView(await denyLink({ engine: apiEngine(), ctx, linkId: params.id, reason: body.reason })),
);
