import type { ReactNode } from "react";
import { ScrollBox } from "@/components/ui/scroll-box";

/**
 * A small table of rows that scrolls sideways inside itself on a phone; its caption names it for
 * screen readers. `nowrap`: cells keep to one line (figures, hours) instead of breaking long words.
 */
export function DataTable({
  caption,
  head,
  rows,
  nowrap = false,
  className,
}: {
  caption: string;
  head: string[];
  rows: ReactNode[][];
  nowrap?: boolean;
  className?: string;
}) {
  return (
    <ScrollBox label={caption} className={className}>
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
                <td key={column} className={`py-2 pr-3 ${nowrap ? "whitespace-nowrap" : "break-words"}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
