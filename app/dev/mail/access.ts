import "server-only";
import { notFound } from "next/navigation";
import { pageAdmin } from "@/lib/auth/page-guards";
import { mailboxAccess } from "@/lib/mail/mailbox";

/** /dev/mail answers 404 where it is not offered (lib/mail/mailbox.ts says where). */
export async function requireMailbox(): Promise<void> {
  const access = mailboxAccess();
  if (access === "nobody") notFound();
  if (access === "admins") await pageAdmin();
}
