import { awsAccountOperations } from "@/lib/api/aws-account-operations";
import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { declareAwsAccount, listAwsAccounts } from "@/lib/orgs/aws-accounts";

export const GET = apiRoute(awsAccountOperations.listAwsAccounts, ({ ctx }) => listAwsAccounts({ engine: apiEngine(), ctx }));

export const POST = apiRoute(awsAccountOperations.declareAwsAccount, ({ ctx, body }) => declareAwsAccount({ engine: apiEngine(), ctx, input: body }));
