import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function AppHeader({ email, context, isAdmin }: { email: string; context: string; isAdmin: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
        <div className="flex items-center gap-4">
          <Link href="/" className="font-semibold text-indigo-700">
            PrivateLink portal
          </Link>
          <span className="text-sm text-slate-500">{context}</span>
          {isAdmin ? (
            <Link href="/admin" className="text-sm font-medium text-slate-700 hover:underline">
              Admin console
            </Link>
          ) : null}
        </div>
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-600" data-testid="signed-in-as">
            {email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
