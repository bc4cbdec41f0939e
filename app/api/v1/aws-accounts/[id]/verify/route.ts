import { awsAccountOperations } from "@/lib/api/aws-account-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { verifyAwsAccount } from "@/lib/orgs/aws-accounts";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(awsAccountOperations.verifyAwsAccount, ({ ctx, params }) => verifyAwsAccount({ ctx, input: { id: params.id } })),
});
