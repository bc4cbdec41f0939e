import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { readReceivedMail } from "@/lib/mail/inbox";
import { mailboxDir } from "@/lib/mail/mailbox";
import { requireMailbox } from "../access";

export const metadata: Metadata = { title: "Mail", referrer: "no-referrer" };

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** One message as its text part, its links clickable. */
export default async function DevMailMessagePage({ params }: { params: Promise<{ id: string }> }) {
  await requireMailbox();
  const message = await readReceivedMail(mailboxDir(), (await params).id);
  if (!message) notFound();
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-10">
      <Link href="/dev/mail" className="text-sm font-medium text-indigo-600 hover:underline">
        ← Mail received
      </Link>
      <h1 className="text-2xl font-bold">{message.subject}</h1>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-600">From</dt>
        <dd className="break-all">{message.from}</dd>
        <dt className="text-slate-600">To</dt>
        <dd className="break-all">{message.to}</dd>
        <dt className="text-slate-600">Date</dt>
        <dd>
          <time dateTime={message.receivedAt}>{message.receivedAt.replace("T", " ").slice(0, 19)} UTC</time>
        </dd>
        <dt className="text-slate-600">Message-ID</dt>
        <dd className="break-all font-mono text-xs">{message.messageId}</dd>
        {message.listUnsubscribe ? (
          <>
            <dt className="text-slate-600">Unsubscribe</dt>
            <dd className="break-all font-mono text-xs">
              {message.listUnsubscribe} {message.listUnsubscribePost ? `(${message.listUnsubscribePost})` : null}
            </dd>
          </>
        ) : null}
      </dl>
      <pre className="whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-white p-4 font-sans text-sm leading-6">
        {message.text.split(URL_PATTERN).map((part, index) =>
          index % 2 === 1 ? (
            <a key={index} href={part} className="text-indigo-600 underline">
              {part}
            </a>
          ) : (
            <Fragment key={index}>{part}</Fragment>
          ),
        )}
      </pre>
    </main>
  );
}
