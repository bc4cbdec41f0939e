import { routeMethods } from "@/lib/api/methods";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { json, route } from "@/lib/api/route";
import { appUrl } from "@/lib/env";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** Public: the OpenAPI 3.1 document of /api/v1. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: route(async () => {
    document ??= buildOpenApiDocument(undefined, appUrl());
    return json(document, { headers: { "cache-control": "public, max-age=300" } });
  }),
});
