import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { retryLink } from "@/lib/links/approve-link";
import { toLinkView } from "@/lib/links/views";

export const POST = apiRoute(operations.retryLink, async ({ ctx, params }) => toLinkView(await retryLink({ engine: apiEngine(), ctx, linkId: params.id })));
