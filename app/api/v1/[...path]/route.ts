import { route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

/** Any other path under /api/v1, with any method: a 404 problem+json, never Next's HTML page. */
const notFound = route(async ({ request }) => {
  throw new AppError("not_found", `No API operation at ${new URL(request.url).pathname}; the operations are listed at /api/v1/openapi.json.`);
});

export { notFound as DELETE, notFound as GET, notFound as HEAD, notFound as OPTIONS, notFound as PATCH, notFound as POST, notFound as PUT };
