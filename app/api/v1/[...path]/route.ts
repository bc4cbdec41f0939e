import { noOperationHere } from "@/lib/api/methods";

/** Any other path under /api/v1, with any method: a 404 problem+json, never Next's HTML page. */
export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = noOperationHere();
