import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { publicOperations } from "@/lib/api/public-operations";
import { appUrl, getEnv } from "@/lib/env";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(publicOperations.getOpenApiDocument, async () => {
    document ??= buildOpenApiDocument(undefined, { serverUrl: appUrl(), contact: { url: `${appUrl()}/docs/api`, email: getEnv().API_CONTACT_EMAIL } });
    return document;
  }),
});
