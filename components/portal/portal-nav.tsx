"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Section = { href: string; label: string; isCurrent: (pathname: string) => boolean; tone?: "sandbox" };

const within = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

const SECTIONS: Section[] = [
  // The list, and each link's own page (not the registration form, which has its own entry).
  { href: "/", label: "Links", isCurrent: (pathname) => pathname === "/" || (within("/links")(pathname) && !within("/links/new")(pathname)) },
  { href: "/setup", label: "Setup", isCurrent: within("/setup") },
  { href: "/links/new", label: "Register a link", isCurrent: within("/links/new") },
  { href: "/settings", label: "Settings", isCurrent: within("/settings") },
  { href: "/sandbox", label: "Sandbox", isCurrent: within("/sandbox"), tone: "sandbox" },
];

/** The portal's sections; the current one is marked (aria-current, and underlined), the Sandbox only with the built-in sandbox. */
export function PortalNav({ sandbox }: { sandbox: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Portal" className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 px-4 text-sm">
        {SECTIONS.filter((section) => sandbox || section.tone !== "sandbox").map((section) => {
          const isCurrent = section.isCurrent(pathname);
          const tone = isCurrent ? "border-indigo-600 text-indigo-700" : `border-transparent ${section.tone ? "text-amber-800" : "text-slate-700"}`;
          return (
            <Link
              key={section.href}
              href={section.href}
              aria-current={isCurrent ? "page" : undefined}
              className={`-mb-px border-b-2 py-2 font-medium hover:text-indigo-700 ${tone}`}
            >
              {section.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}
