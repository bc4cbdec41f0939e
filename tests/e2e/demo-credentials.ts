import { readFileSync } from "node:fs";

/**
 * The demo sign-ins of the end-to-end server: `npm start` makes random ones for its installation and
 * writes them to .data/demo-credentials.json only, when the server starts, so they are read when used.
 */

type DemoFile = { users: { email: string; password: string }[] };

export function demoPassword(email: string): string {
  const { users } = JSON.parse(readFileSync(".data/demo-credentials.json", "utf8")) as DemoFile;
  const user = users.find((u) => u.email === email);
  if (!user) throw new Error(`${email} is not in .data/demo-credentials.json`);
  return user.password;
}

function demoUser<T extends object>(email: string, more: T) {
  return {
    email,
    ...more,
    get password() {
      return demoPassword(email);
    },
  };
}

export const ADMIN = demoUser("admin@vendor.example.com", {});
export const GLOBEX = demoUser("gary@globex.example.com", { accountId: "333333333333" });
export const ACME = demoUser("alice@acme.example.com", { accountId: "222222222222" });
