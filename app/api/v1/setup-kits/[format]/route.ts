import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { operations } from "@/lib/api/operations";
import { AppError } from "@/lib/errors";
import { getSetupKit } from "@/lib/setup-kits/get-setup-kit";
import { kitFormatSchema } from "@/lib/setup-kits/kit";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(operations.getSetupKit, ({ ctx, params, query }) => {
    const format = kitFormatSchema.safeParse(params.format);
    if (!format.success) {
      throw new AppError("validation_failed", "Choose a kit format: cloudformation, terraform or cli.", { invalidParams: [{ name: "format", reason: format.error.issues[0]!.message }] });
    }
    return getSetupKit({ ctx, input: { format: format.data, ...query } });
  }),
});
