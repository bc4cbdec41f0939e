import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { listLinks } from "@/lib/links/read-links";

export const GET = apiRoute(operations.adminListLinks, ({ ctx, query }) => listLinks({ engine: apiEngine(), ctx, query }));
