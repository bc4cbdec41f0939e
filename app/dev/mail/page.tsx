import type { Metadata } from "next";
import Link from "next/link";
import { listReceivedMail } from "@/lib/mail/inbox";
import { mailboxDir } from "@/lib/mail/mailbox";
import { requireMailbox } from "./access";

export const metadata: Metadata = { title: "Mail received", referrer: "no-referrer" };

/** What the loopback SMTP receiver kept (no SMTP_URL): every message the portal sent, newest first. */
export default async function DevMailPage() {
  await requireMailbox();
  const messages = await listReceivedMail(mailboxDir());
  return (
    <main className="mx-auto max-w-4xl space-y-6 px-4 py-10">
      <header className="space-y-1">
        <p className="text-sm font-semibold uppercase tracking-wide text-indigo-600">PrivateLink portal · development</p>
        <h1 className="text-2xl font-bold">Mail received</h1>
        <p className="text-slate-600">
          With no <code>SMTP_URL</code>, the portal sends its mail to a receiver on this machine, which keeps each message as an <code>.eml</code> file in{" "}
          <code className="break-all">{mailboxDir()}</code>. Nothing here left this machine.
        </p>
      </header>
      {messages.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-slate-600">
          No mail yet. Invite someone, or ask for a password reset.
        </p>
      ) : (
        <table className="w-full table-fixed border-collapse text-left text-sm">
          <caption className="sr-only">Messages, newest first</caption>
          <thead className="border-b border-slate-200 text-slate-600">
            <tr>
              <th scope="col" className="w-1/4 py-2 pr-3 font-medium">
                To
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Subject
              </th>
              <th scope="col" className="w-1/5 py-2 font-medium">
                Received
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {messages.map((message) => (
              <tr key={message.id}>
                <td className="break-all py-2 pr-3">{message.to}</td>
                <td className="py-2 pr-3">
                  <Link href={`/dev/mail/${message.id}`} className="font-medium text-indigo-600 hover:underline">
                    {message.subject}
                  </Link>
                </td>
                <td className="py-2 text-slate-600">
                  <time dateTime={message.receivedAt}>{message.receivedAt.replace("T", " ").slice(0, 19)} UTC</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
