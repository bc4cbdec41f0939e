import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type AddressObject } from "mailparser";

/** Where the e2e server's loopback mail receiver keeps every message it is sent, as `<id>.eml` (playwright.config.ts, MAIL_DIR). */
const MAIL_DIR = ".data/e2e/mail";

/** The portal path of the link to `pathPrefix` (e.g. "/reset-password/") in the newest message to `to`, once it has arrived. */
export async function mailedLink(to: string, pathPrefix: string): Promise<string> {
  let link: string | null = null;
  await expect
    .poll(async () => (link = await newestLink(to.toLowerCase(), pathPrefix)), { message: `a message to ${to} with a link to ${pathPrefix}`, timeout: 30_000 })
    .not.toBeNull();
  return link!;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []]
    .flat()
    .flatMap((a) => a.value.map((v) => v.address?.toLowerCase()))
    .filter(Boolean);

async function newestLink(to: string, pathPrefix: string): Promise<string | null> {
  const names = await readdir(MAIL_DIR).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? [] : Promise.reject(error)));
  const pattern = new RegExp(`https?://[^\\s/]+(${pathPrefix.replace(/[/.]/g, "\\$&")}[\\w-]+)`);
  let newest: { date: number; link: string } | null = null;
  for (const name of names.filter((n) => n.endsWith(".eml"))) {
    const parsed = await simpleParser(await readFile(path.join(MAIL_DIR, name)));
    const match = pattern.exec(parsed.text ?? "");
    if (!match || !addresses(parsed.to).includes(to)) continue;
    const date = parsed.date?.getTime() ?? 0;
    if (!newest || date >= newest.date) newest = { date, link: match[1]! };
  }
  return newest?.link ?? null;
}
