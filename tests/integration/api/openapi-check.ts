import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { expect } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";

/** Checks an answer against the OpenAPI document: the status is documented, and the body validates (JSON) or is text (files). */

const document = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
// The components refer to each other as #/components/schemas/X: inside this schema, #/$defs/X.
ajv.addSchema({ $id: "openapi:components", $defs: JSON.parse(JSON.stringify(document.components.schemas).replaceAll('"#/components/schemas/', '"#/$defs/')) });

type ResponseObject = { content?: Record<string, { schema: Record<string, unknown> }> };
type OperationObject = { operationId: string; responses: Record<string, ResponseObject> };

const operationsById = new Map<string, OperationObject>();
for (const methods of Object.values(document.paths)) {
  for (const op of Object.values(methods) as OperationObject[]) operationsById.set(op.operationId, op);
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(operationId: string, status: number, contentType: string): ValidateFunction {
  const cacheKey = `${operationId} ${status} ${contentType}`;
  let validate = validators.get(cacheKey);
  if (!validate) {
    const op = operationsById.get(operationId);
    if (!op) throw new Error(`operation ${operationId} is not in the OpenAPI document`);
    const response = op.responses[String(status)];
    if (!response) throw new Error(`${operationId} answered ${status}, which the OpenAPI document does not list (${Object.keys(op.responses).join(", ")})`);
    const media = response.content?.[contentType];
    if (!media) throw new Error(`${operationId} ${status}: content type ${contentType} is not documented`);
    const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/schemas/', '"openapi:components#/$defs/'));
    validate = ajv.compile(schema);
    validators.set(cacheKey, validate);
  }
  return validate;
}

export async function expectDocumented(operationId: string, response: Response): Promise<unknown> {
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!;
  const isJson = /^application\/([\w.+-]+\+)?json$/.test(contentType);
  const body: unknown = isJson ? await response.clone().json() : await response.clone().text();
  const validate = validatorFor(operationId, response.status, contentType);
  if (!validate(body))
    expect.fail(
      `${operationId} ${response.status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`,
    );
  return body;
}

export { document as openApiDocument, operationsById };
