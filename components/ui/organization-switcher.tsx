"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { chooseActiveOrganization } from "@/lib/auth/active-organization";

/** For a member of several organizations: which one the portal acts for. Switching opens its links page. */
export function OrganizationSwitcher({ activeId, all }: { activeId: string; all: { id: string; name: string }[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm text-slate-600">
      <span className="sr-only sm:not-sr-only">Organization</span>
      <select
        className="min-w-0 max-w-56 truncate rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
        value={activeId}
        onChange={(event) => {
          chooseActiveOrganization(event.target.value);
          // Nothing read for the other organization may show for this one.
          queryClient.clear();
          router.push("/");
          router.refresh();
        }}
      >
        {all.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
    </label>
  );
}
