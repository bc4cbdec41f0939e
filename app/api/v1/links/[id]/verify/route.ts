import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { reverifyLink } from "@/lib/links/verify-link";
import { toLinkView } from "@/lib/links/views";

export const POST = apiRoute(operations.verifyLink, async ({ ctx, params }) => toLinkView(await reverifyLink({ engine: apiEngine(), ctx, linkId: params.id })));
