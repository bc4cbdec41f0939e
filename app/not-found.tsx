import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** Every 404 page, styled by class: Next's default one uses inline styles, which the CSP (proxy.ts) refuses. */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-md space-y-4 p-12 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-600">There is nothing at this address, or it is not yours to see.</p>
      <Link href="/" className="font-medium text-indigo-600 hover:underline">
        Back to the portal
      </Link>
    </main>
  );
}
