import type { AuditChange, AuditDetail } from "@/lib/audit-log/describe";

/** An audit entry's metadata as people read it: what changed from what to what, then the other facts recorded. */
export function AuditChanges({ changes, details }: { changes: AuditChange[]; details: AuditDetail[] }) {
  if (changes.length === 0 && details.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <dl className="space-y-0.5">
      {changes.map((change) => (
        <div key={`change-${change.field}`}>
          <dt className="inline font-medium">{change.field}: </dt>
          <dd className="inline break-words">
            <del className="text-slate-500">{change.before}</del>
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> changed to </span>
            <ins className="no-underline">{change.after}</ins>
          </dd>
        </div>
      ))}
      {details.map((detail) => (
        <div key={`detail-${detail.field}`}>
          <dt className="inline font-medium">{detail.field}: </dt>
          <dd className="inline break-words">{detail.value}</dd>
        </div>
      ))}
    </dl>
  );
}
