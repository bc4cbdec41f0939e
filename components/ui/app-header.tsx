import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { OrganizationSwitcher } from "./organization-switcher";

/** The top bar: wraps onto two rows on a narrow screen, so Sign out always stays on screen. */
export function AppHeader({
  email,
  context,
  isAdmin,
  organizations,
}: {
  email: string;
  context: string;
  isAdmin: boolean;
  /** A member of several organizations switches between them here. */
  organizations?: { activeId: string; all: { id: string; name: string }[] };
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1">
          <Link href="/" className="font-semibold text-indigo-700">
            PrivateLink portal
          </Link>
          {organizations && organizations.all.length > 1 ? (
            <OrganizationSwitcher {...organizations} />
          ) : (
            <span className="truncate text-sm text-slate-600">{context}</span>
          )}
          {isAdmin ? (
            <Link href="/admin" className="text-sm font-medium text-slate-700 hover:underline">
              Admin console
            </Link>
          ) : null}
        </div>
        <div className="flex min-w-0 items-center gap-3">
          <span className="min-w-0 truncate text-sm text-slate-600" data-testid="signed-in-as">
            {email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
