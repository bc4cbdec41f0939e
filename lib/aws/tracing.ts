import "server-only";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { InitializeMiddleware, MetadataBearer } from "@aws-sdk/types";

// A middleware on each client rather than an instrumentation that patches the SDK's modules: the worker runs bundled
// (dist/), where patching finds nothing. Without tracing on, spans are no-ops.

export type ClientWithMiddleware = {
  middlewareStack: { add(middleware: InitializeMiddleware<object, MetadataBearer>, options: { step: "initialize"; name: string }): void };
};

const tracer = trace.getTracer("privatelink-portal/aws");

export function traced<C extends ClientWithMiddleware>(client: C, region: string): C {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const service = (context.clientName ?? "AWS").replace(/Client$/, "");
      const operation = (context.commandName ?? "Command").replace(/Command$/, "");
      return tracer.startActiveSpan(
        `${service}.${operation}`,
        { kind: SpanKind.CLIENT, attributes: { "rpc.system": "aws-api", "rpc.service": service, "rpc.method": operation, "cloud.region": region } },
        async (span) => {
          try {
            const result = await next(args);
            const requestId = result.output.$metadata.requestId;
            if (requestId) span.setAttribute("aws.request_id", requestId);
            return result;
          } catch (error) {
            span.recordException(error instanceof Error ? error : String(error));
            span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : undefined });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    },
    { step: "initialize", name: "openTelemetrySpan" },
  );
  return client;
}
