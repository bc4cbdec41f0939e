import { writeFileSync } from "node:fs";
import { API_CLIENT_TYPES_FILE, apiClientTypes } from "@/lib/api/client-types";
import { run, say } from "./runtime";

/** `npm run api:types`: writes the typed client's types from the OpenAPI document. */
run(async () => {
  writeFileSync(API_CLIENT_TYPES_FILE, await apiClientTypes());
  say(`wrote ${API_CLIENT_TYPES_FILE}`);
});
