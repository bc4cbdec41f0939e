"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";

/** The recovery codes, shown once right after they were made: copy, download, then dismiss. */
export function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `PrivateLink Portal recovery codes (each works once)\n\n${codes.join("\n")}\n`;
  return (
    <div role="status" className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm">
      <p className="font-medium text-emerald-900">Your recovery codes</p>
      <p className="text-emerald-900">Keep them somewhere safe: each signs you in once when you do not have your authenticator app. They are shown only now.</p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-xs text-slate-900 sm:grid-cols-5">
        {codes.map((code) => (
          <li key={code} className="rounded bg-white px-2 py-1">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton value={codes.join("\n")} label="Copy all" />
        <a
          download="recovery-codes.txt"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100"
        >
          Download
        </a>
        <Button variant="secondary" onClick={onDone}>
          I have saved them
        </Button>
      </div>
    </div>
  );
}
