"use client";

import { useState } from "react";

/**
 * Copies `value`. The button carries its own background, so its text keeps AA contrast on any
 * surface: `light` (slate-700 on white, 10:1) beside text, `dark` (white on slate-700, 10:1) on
 * code blocks.
 */
const TONES = {
  light: "border-slate-300 bg-white text-slate-700 hover:bg-slate-100",
  dark: "border-slate-500 bg-slate-700 text-white hover:bg-slate-600",
} as const;

export function CopyButton({ value, label = "Copy", tone = "light" }: { value: string; label?: string; tone?: keyof typeof TONES }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={`shrink-0 rounded border px-2 py-0.5 text-xs font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-400 ${TONES[tone]}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}
