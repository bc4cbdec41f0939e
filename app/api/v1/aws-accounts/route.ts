import { awsAccountOperations } from "@/lib/api/aws-account-operations";
import { apiRoute } from "@/lib/api/handler";
import { routeMethods } from "@/lib/api/methods";
import { declareAwsAccount, listAwsAccounts } from "@/lib/orgs/aws-accounts";

export const { GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute(awsAccountOperations.listAwsAccounts, ({ ctx, query }) => listAwsAccounts({ ctx, input: query })),
  POST: apiRoute(awsAccountOperations.declareAwsAccount, ({ ctx, body }) => declareAwsAccount({ ctx, input: body })),
});
