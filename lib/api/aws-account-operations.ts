import { z } from "zod";
import { pageQuerySchema } from "@/lib/pagination";
import { awsAccountListSchema, awsAccountViewSchema, declareAwsAccountInputSchema } from "@/lib/orgs/schemas";
import { defineOperation } from "./operation";
import { idParam } from "./params";

// What a proved account is for: lib/orgs/aws-accounts.ts.
const accountId = z.object({ id: idParam("AWS account", "The declared account's id (not the AWS account number).") });

export const awsAccountOperations = {
  listAwsAccounts: defineOperation({
    operationId: "listAwsAccounts",
    method: "GET",
    path: "/api/v1/aws-accounts",
    tag: "AWS accounts",
    summary: "Your declared AWS accounts, and how to prove one",
    description: "`proofInstructions` names the IAM role to create in each account, the principal it trusts (our account) and your organization's external id.",
    access: { scope: "read", by: ["member"] },
    query: pageQuerySchema(100),
    success: { status: 200, description: "A page of the accounts, oldest first, and the proof instructions.", schema: awsAccountListSchema },
  }),
  declareAwsAccount: defineOperation({
    operationId: "declareAwsAccount",
    method: "POST",
    path: "/api/v1/aws-accounts",
    tag: "AWS accounts",
    summary: "Declare an AWS account your organization owns",
    description: "The account starts `unproved`; create the proof role in it, then call verify.",
    access: { scope: "write", by: ["member"] },
    body: declareAwsAccountInputSchema,
    success: { status: 201, description: "The account, unproved.", schema: awsAccountViewSchema },
    location: (account) => `/api/v1/aws-accounts/${account.id}`,
    errors: [409],
  }),
  verifyAwsAccount: defineOperation({
    operationId: "verifyAwsAccount",
    method: "POST",
    path: "/api/v1/aws-accounts/{id}/verify",
    tag: "AWS accounts",
    summary: "Check the account's proof with AWS now",
    description:
      "We assume the proof role in the account with your external id. The answer is the account with `proof` and, when AWS refused, `lastError` saying what to fix.",
    access: { scope: "write", by: ["member"] },
    params: accountId,
    success: { status: 200, description: "The account, proved or not.", schema: awsAccountViewSchema },
    errors: [503],
  }),
  removeAwsAccount: defineOperation({
    operationId: "removeAwsAccount",
    method: "DELETE",
    path: "/api/v1/aws-accounts/{id}",
    tag: "AWS accounts",
    summary: "Remove a declared account",
    description: "Links already verified are not affected.",
    access: { scope: "write", by: ["member"] },
    params: accountId,
    success: { status: 200, description: "The account as it was.", schema: awsAccountViewSchema },
  }),
};
