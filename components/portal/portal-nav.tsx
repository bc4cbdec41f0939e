"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentSection, type NavSection } from "@/components/ui/current-section";

const SECTIONS: (NavSection & { tone?: "sandbox" })[] = [
  // The list, and each link's own page (the registration form has its own entry).
  { href: "/", label: "Links", owns: ["/links"] },
  { href: "/setup", label: "Setup" },
  { href: "/links/new", label: "Register a link" },
  { href: "/settings", label: "Settings" },
  { href: "/sandbox", label: "Sandbox", tone: "sandbox" },
];

/** The portal's sections; the current one is marked (aria-current, and underlined), the Sandbox only with the built-in sandbox. */
export function PortalNav({ sandbox }: { sandbox: boolean }) {
  const sections = SECTIONS.filter((section) => sandbox || section.tone !== "sandbox");
  const current = currentSection(sections, usePathname());
  return (
    <nav aria-label="Portal" className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap gap-x-6 px-4 text-sm">
        {sections.map((section) => {
          const isCurrent = section === current;
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
