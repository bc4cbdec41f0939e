import { awsAccountOperations } from "@/lib/api/aws-account-operations";
import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { removeAwsAccount } from "@/lib/orgs/aws-accounts";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(awsAccountOperations.removeAwsAccount, ({ ctx, params }) => removeAwsAccount({ engine: apiEngine(), ctx, id: params.id })),
});
