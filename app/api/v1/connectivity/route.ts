import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getConnectivity } from "@/lib/links/read-links";

export const GET = apiRoute(operations.getConnectivity, ({ ctx }) => getConnectivity({ engine: apiEngine(), ctx }));
