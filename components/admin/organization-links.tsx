"use client";

import Link from "next/link";
import { messageOf } from "@/components/api/client";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { FleetRow } from "./fleet";
import { useAdminLinks } from "./use-admin-links";

const SHOWN = 10;

/** An organization's newest links, and the way to all of them in the fleet (filtered by the organization). */
export function OrganizationLinks({ organizationId }: { organizationId: string }) {
  const links = useAdminLinks({ organizationId }, SHOWN);
  const fleet = `/admin/links?organizationId=${organizationId}`;
  return (
    <Card title="Links">
      {links.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading links…
        </p>
      ) : links.isError ? (
        <Alert>{messageOf(links.error)}</Alert>
      ) : links.data.data.length === 0 ? (
        <p className="text-sm text-slate-600">No links yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {links.data.data.map((link) => (
            <FleetRow key={link.id} link={link} now={links.dataUpdatedAt} withActions={false} />
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link href={fleet} className="text-indigo-700 underline">
          {links.data?.nextCursor ? `Its newest ${SHOWN} are shown: see all its links in the fleet` : "Its links in the fleet"}
        </Link>
      </p>
    </Card>
  );
}
