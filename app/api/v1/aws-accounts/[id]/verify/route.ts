import { awsAccountOperations } from "@/lib/api/aws-account-operations";
import { apiEngine } from "@/lib/api/engine";
import { apiRoute } from "@/lib/api/handler";
import { verifyAwsAccount } from "@/lib/orgs/aws-accounts";

export const POST = apiRoute(awsAccountOperations.verifyAwsAccount, ({ ctx, params }) => verifyAwsAccount({ engine: apiEngine(), ctx, id: params.id }));
