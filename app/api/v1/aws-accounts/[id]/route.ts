import { awsAccountOperations } from "@/lib/api/aws-account-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { removeAwsAccount } from "@/lib/orgs/aws-accounts";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute(awsAccountOperations.removeAwsAccount, ({ ctx, params }) => removeAwsAccount({ ctx, input: { id: params.id } })),
});
