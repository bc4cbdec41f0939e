import "server-only";
import { z } from "zod";
import { organizationOf, type Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { BuiltInSandbox } from "./detect";

// Each organization plays its own sandbox customer account, never another's: SandboxAccount keeps which (the demo seed
// claims the seeded ones for the demo organizations), and the sandbox makes one per owner label on first use, or again
// after a reset forgot it. The table, not the sandbox's label alone, because a reset keeps the seeded accounts, and the
// demo's claim on them must outlive it; its unique account id keeps two organizations off one account.

const accountSchema = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  loadBalancers: z.record(z.string(), z.array(z.string())),
});
export type SandboxAccount = z.infer<typeof accountSchema>;

async function askSandbox(sandbox: BuiltInSandbox, path: string, body?: unknown): Promise<SandboxAccount | null> {
  let response: Response;
  try {
    response = await fetch(`${sandbox.endpoint}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    throw new AppError("aws_unavailable", "The sandbox AWS does not answer; is the portal's sandbox running?", { cause: error });
  }
  if (response.status === 404) return null;
  const parsed = accountSchema.safeParse(response.ok ? await response.json() : null);
  if (!parsed.success) throw new AppError("aws_unavailable", `The sandbox AWS answered ${path} with ${response.status}.`);
  return parsed.data;
}

export async function sandboxAccountOf(ctx: Ctx, sandbox: BuiltInSandbox): Promise<SandboxAccount> {
  const organizationId = organizationOf(ctx);
  const kept = await ctx.engine.db.sandboxAccount.findUnique({ where: { organizationId } });
  const found = kept && (await askSandbox(sandbox, `/_sandbox/accounts/${kept.accountId}`));
  if (found) return found;
  const made = await askSandbox(sandbox, "/_sandbox/accounts", { owner: `organization:${organizationId}` });
  if (!made) throw new AppError("aws_unavailable", "The sandbox AWS made no account.");
  await ctx.engine.db.sandboxAccount.upsert({
    where: { organizationId },
    create: { organizationId, accountId: made.accountId },
    update: { accountId: made.accountId },
  });
  ctx.log.info({ accountId: made.accountId }, "sandbox console: the organization's sandbox account");
  return made;
}
