import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "PrivateLink portal", template: "%s · PrivateLink portal" },
  description: "Connect your AWS services to us privately, over AWS PrivateLink.",
};

/** Rendered per request, as every page is: each answer carries its own CSP nonce (proxy.ts). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
