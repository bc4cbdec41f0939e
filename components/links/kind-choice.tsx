import { KIND_DISPLAY, LINK_KIND_CHOICES } from "@/lib/links/kind-display";
import type { LinkKind } from "@/lib/links/schemas";

/** With a load balancer or without one, each with when it fits: the register form's choice and the Setup page's. */
export function KindChoice({ name, legend, value, onChange }: { name: string; legend: string; value: LinkKind; onChange: (kind: LinkKind) => void }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {LINK_KIND_CHOICES.map((kind) => {
          const id = `${name}-${kind}`;
          return (
            <div key={kind} className={`rounded-md border p-3 ${value === kind ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}>
              <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-800">
                <input type="radio" id={id} name={name} value={kind} checked={value === kind} onChange={() => onChange(kind)} aria-describedby={`${id}-fits`} />
                {KIND_DISPLAY[kind].choice}
              </label>
              <p id={`${id}-fits`} className="mt-1 text-xs text-slate-600">
                {KIND_DISPLAY[kind].fits}
              </p>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
