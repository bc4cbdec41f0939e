import type { ReactNode } from "react";

/**
 * The little Markdown our API descriptions use, as React elements (never HTML strings, so nothing in a description can inject
 * markup): paragraphs, "- " lists, `code`, **bold**, *emphasis* and [links](https://…). Anything else shows as written.
 */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const blocks = text.split(/\n{2,}/).filter((block) => block.trim());
  return (
    <div className={className}>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((line) => /^\s*[-*] /.test(line))) {
          return (
            <ul key={i} className="list-disc pl-5">
              {lines.map((line, j) => (
                <li key={j}>{inline(line.replace(/^\s*[-*] /, ""))}</li>
              ))}
            </ul>
          );
        }
        return <p key={i}>{inline(block.replace(/\n/g, " "))}</p>;
      })}
    </div>
  );
}

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(((?:https?:\/\/|\/)[^\s)]*)\)/g;

/** Inline marks, one level deep: code is taken as written, bold and links may hold plain text only. */
export function inline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [whole, code, bold, em, label, href] = match;
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const key = match.index;
    if (code !== undefined)
      nodes.push(
        <code key={key} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">
          {code}
        </code>,
      );
    else if (bold !== undefined) nodes.push(<strong key={key}>{bold}</strong>);
    else if (em !== undefined) nodes.push(<em key={key}>{em}</em>);
    else
      nodes.push(
        <a key={key} href={href} className="text-indigo-700 underline">
          {label}
        </a>,
      );
    last = match.index + whole.length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}
