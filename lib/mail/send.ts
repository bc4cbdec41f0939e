import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type { Ctx } from "@/lib/context";
import type { MailData, MailTemplate } from "./messages";
import { isMailTemplate, renderMail } from "./render";
import { mailSettingsOf, messageIdOf } from "./settings";

// One attempt at one MailMessage (job `mail-send`). Never twice: a row with `sentAt` is done. The Message-ID is the row's id, so
// when a worker dies between the SMTP server's "250 accepted" and our commit, the retry sends the same message again, which a
// receiver (and the loopback one, by file name) recognises; nothing else is written until the send succeeded.

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    // Read with WHATWG URL: nodemailer's own reading of a URL string goes through Node's deprecated url.parse().
    const url = new URL(smtpUrl);
    const secure = url.protocol === "smtps:";
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export async function sendMailMessage({ ctx, input: { messageId } }: { ctx: Ctx; input: { messageId: string } }): Promise<void> {
  const { db } = ctx.engine;
  const message = await db.mailMessage.findUnique({ where: { id: messageId } });
  if (!message || message.sentAt) return;
  const settings = mailSettingsOf(ctx.engine);
  try {
    if (!isMailTemplate(message.template)) throw new Error(`no template "${message.template}"`);
    // queueMail wrote this row's data for its template (MailData[template]).
    const data = message.data as MailData[MailTemplate];
    const { subject, html, text } = await renderMail(message.template, data);
    const oneClickUrl = "oneClickUrl" in data ? data.oneClickUrl : null;
    await transportFor(settings.smtpUrl).sendMail({
      from: settings.from,
      to: message.to,
      subject,
      html,
      text,
      messageId: messageIdOf(message.id, settings.appUrl),
      date: message.createdAt,
      // RFC 8058: mail clients offer a one-click unsubscribe that POSTs `List-Unsubscribe=One-Click` to this URL.
      headers: oneClickUrl ? { "List-Unsubscribe": `<${oneClickUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.mailMessage.update({ where: { id: message.id }, data: { attempts: { increment: 1 }, lastError: reason.slice(0, 1000) } });
    ctx.log.warn({ messageId: message.id, template: message.template, error: reason }, "mail not sent; retried later");
    throw error;
  }
  await db.mailMessage.updateMany({ where: { id: message.id, sentAt: null }, data: { sentAt: new Date(), attempts: { increment: 1 }, lastError: null } });
  ctx.log.info({ messageId: message.id, template: message.template }, "mail sent");
}
