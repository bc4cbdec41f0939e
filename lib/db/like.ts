// For LIKE, ILIKE and Prisma's `contains`, `startsWith` and `endsWith`, which pass text to LIKE as is: `%` and `_` are
// wildcards there, so they and the escape character (PostgreSQL's default, the backslash) are escaped.
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
