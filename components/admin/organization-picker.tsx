"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { answerOf, api, messageOf } from "@/components/api/client";
import { organizationKeys } from "./use-organizations";

const SHOWN = 8;

/**
 * An organization filter: type part of a name or slug, pick from the matches (WAI-ARIA combobox with a list box: arrows move,
 * Enter picks, Escape closes). The form sees the picked organization's id under `name`, empty for any organization.
 */
export function OrganizationPicker({ name, label, initialId }: { name: string; label: string; initialId?: string }) {
  const id = useId();
  // undefined until the admin picks or clears: the initial organization stands meanwhile.
  const [picked, setPicked] = useState<{ id: string; name: string } | null | undefined>(undefined);
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [isOpen, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // Typing settles before the list is asked, so each keystroke is not a request.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);

  const initial = useQuery({
    queryKey: organizationKeys.search(initialId ?? "", 1),
    queryFn: () => answerOf(api.GET("/api/v1/admin/organizations", { params: { query: { q: initialId, limit: 1 } } })),
    enabled: Boolean(initialId),
  });
  const initialOrg = initial.data?.data[0];
  const shownPick = picked !== undefined ? picked : initialId ? { id: initialId, name: initialOrg?.name ?? (initial.isPending ? "…" : initialId) } : null;
  const client = useQueryClient();
  const searchFor = (q: string) => ({
    queryKey: organizationKeys.search(q, SHOWN),
    queryFn: () => answerOf(api.GET("/api/v1/admin/organizations", { params: { query: { q: q || undefined, limit: SHOWN } } })),
  });
  const matches = useQuery({ ...searchFor(search), enabled: isOpen });
  const options = matches.data?.data ?? [];

  const choose = (org: { id: string; name: string }) => {
    setPicked(org);
    setText("");
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (event.key === "Enter" && isOpen) {
      event.preventDefault();
      const typed = text.trim();
      if (typed === search && options[active]) return choose(options[active]);
      // The list on screen is for earlier text, or still on its way: pick the first match of what is typed now.
      void client.fetchQuery(searchFor(typed)).then(
        (page) => page.data[0] && choose(page.data[0]),
        () => undefined,
      );
    } else if (event.key === "Escape" && isOpen) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  return (
    <div className="relative text-sm">
      <label htmlFor={`${id}-input`} className="block font-medium text-slate-700">
        {label}
      </label>
      <input type="hidden" name={name} value={shownPick?.id ?? ""} />
      {shownPick ? (
        <div className="mt-1 flex items-center justify-between gap-2 rounded-md border border-slate-300 px-2 py-2">
          <span className="truncate" data-testid={`${name}-picked`}>
            {shownPick.name}
          </span>
          <button
            type="button"
            className="text-xs text-indigo-700 underline"
            onClick={() => setPicked(null)}
            aria-label={`Clear ${label.toLowerCase()}: ${shownPick.name}`}
          >
            Clear
          </button>
        </div>
      ) : (
        <input
          id={`${id}-input`}
          role="combobox"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={isOpen && options[active] ? `${id}-option-${active}` : undefined}
          value={text}
          placeholder="any organization: type a name"
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2"
        />
      )}
      {isOpen && !shownPick ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-200 bg-white shadow"
        >
          {matches.isPending ? <li className="px-2 py-2 text-slate-500">Searching…</li> : null}
          {matches.isError ? <li className="px-2 py-2 text-red-700">{messageOf(matches.error)}</li> : null}
          {matches.data && options.length === 0 ? <li className="px-2 py-2 text-slate-500">No organization matches.</li> : null}
          {options.map((org, i) => (
            <li
              key={org.id}
              id={`${id}-option-${i}`}
              role="option"
              aria-selected={i === active}
              // Chosen on mouse down, before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(org);
              }}
              className={`cursor-pointer px-2 py-2 ${i === active ? "bg-indigo-50" : ""}`}
            >
              {org.name} <span className="text-xs text-slate-500">{org.slug}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
