import { z } from "zod";

// What proves an organization holds an email domain: a TXT record `_privatelink-portal.<domain>` holding
// `privatelink-portal-verification=<token>`, the token the portal gave it for that claim. Pure, for the verbs and the tests.

export const PROOF_LABEL = "_privatelink-portal";
export const PROOF_PREFIX = "privatelink-portal-verification=";

// Mail domains anyone can have an address at: nobody may claim its people.
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "ymail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
  "126.com",
  "zoho.com",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
]);

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain);
}

/** A domain as typed (any case, a trailing dot): lower-cased, at least two labels, each a DNS label. */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/\.$/, ""))
  .pipe(
    z
      .string()
      .max(253, "A domain has at most 253 characters")
      .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, "Expected a domain such as example.com")
      .refine((domain) => !/^[0-9.]+$/.test(domain), "Expected a domain name, not an address")
      .refine((domain) => !isPublicMailDomain(domain), "A public mail domain cannot be claimed: anyone may have an address there"),
  );

export function proofRecordName(domain: string): string {
  return `${PROOF_LABEL}.${domain}`;
}

export function proofRecordValue(token: string): string {
  return `${PROOF_PREFIX}${token}`;
}

/** The email's domain, lower-cased; null when it has none. */
export function domainOfEmail(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, "");
  return domain.length > 0 ? domain : null;
}

/**
 * Whether the TXT records at the proof name hold the token. `records` as node:dns gives them: each record a list of its
 * character-strings (a value over 255 bytes is split into several), joined back before comparing. Other records beside it
 * (another organization's token, an old one) do not matter.
 */
export function holdsProof(records: readonly (readonly string[])[], token: string): boolean {
  const expected = proofRecordValue(token);
  return records.some((chunks) => chunks.join("").trim() === expected);
}
