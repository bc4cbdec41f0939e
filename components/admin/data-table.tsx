import type { ReactNode } from "react";
import { ScrollBox } from "@/components/ui/scroll-box";

/**
 * A small table of rows; its caption names it for screen readers. On a phone its rows become cards of "label: value"
 * lines, so nothing scrolls sideways.
 */
export function DataTable({ caption, head, rows, className }: { caption: string; head: string[]; rows: ReactNode[][]; className?: string }) {
  return (
    <>
      <ScrollBox label={caption} className={`hidden sm:block ${className ?? ""}`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-slate-600">
            <tr>
              {head.map((label) => (
                <th key={label} scope="col" className="py-2 pr-3 font-medium">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, index) => (
              <tr key={index} className="border-t border-slate-100 align-top">
                {cells.map((cell, column) => (
                  <td key={column} className="py-2 pr-3 break-words">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      <ul aria-label={caption} className={`space-y-2 sm:hidden ${className ?? ""}`}>
        {rows.map((cells, index) => (
          <li key={index} className="rounded-md border border-slate-100 p-2">
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
              {cells.map((cell, column) => (
                <div key={column} className="contents">
                  <dt className="text-slate-600">{head[column]}</dt>
                  <dd className="wrap-anywhere">{cell}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
