"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/**
 * A chart drawn by uPlot (about 20 kB gzipped, canvas, no dependencies), loaded by the admin
 * metrics page only. The canvas is hidden from screen readers: every chart on the page comes
 * with a sentence and a table of the same numbers. `x` is either hours (ISO) or category labels
 * (drawn as bars); a null value is a gap.
 */
export type ChartSeries = { label: string; values: (number | null)[]; color: string };

/** What the y axis counts or measures: its label, how a value reads, and which steps its ticks may take. */
export type ChartScale = { unit: string; format: (value: number) => string; steps: number[] };

/** Whole numbers only: a count of 1 gets ticks 0 and 1, never "0, 0, 1, 1". */
export const COUNT_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 50_000, 100_000];
/** Seconds a person reads as round: 30 s, 5 min, 2 h. */
export const DURATION_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200, 86_400];

const HEIGHT = 200;

/** The legend's swatch for each colour the metrics page draws with, as classes: the CSP allows no style attributes. */
const SWATCHES: Record<string, string> = { "#4f46e5": "bg-indigo-600", "#b45309": "bg-amber-700", "#be123c": "bg-rose-700" };

/** The legend's figure for a series: its total across categories, or its latest value by hour. */
function legendValue(series: ChartSeries, isTime: boolean, format: (value: number) => string): string {
  if (!isTime) return `${format(series.values.reduce<number>((total, v) => total + (v ?? 0), 0))} in all`;
  const latest = series.values.findLast((v) => v !== null);
  return latest === undefined || latest === null ? "no data" : `${format(latest)} latest`;
}

export function Chart({ x, series, scale }: { x: { hours: string[] } | { categories: string[] }; series: ChartSeries[]; scale: ChartScale }) {
  const box = useRef<HTMLDivElement>(null);
  const isTime = "hours" in x;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = isTime ? x.hours.map((hour) => Date.parse(hour) / 1000) : x.categories.map((_, i) => i);
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        // The legend is ours (below): uPlot's reads "Value: --" until the pointer is over the chart.
        legend: { show: false },
        scales: {
          x: { time: isTime, ...(isTime ? {} : { range: [-0.5, xs.length - 0.5] as [number, number] }) },
          y: { range: (_u, _min, max) => [0, Math.max(scale.steps[0]!, max)] },
        },
        axes: [
          isTime ? {} : { splits: () => xs, values: (_u, splits) => splits.map((i) => (x as { categories: string[] }).categories[i] ?? "") },
          {
            label: scale.unit,
            incrs: scale.steps,
            size: 64,
            values: (_u, splits) => {
              const ticks = splits.map(scale.format);
              // What the canvas shows, readable by a test.
              element.dataset.yTicks = ticks.join("|");
              return ticks;
            },
          },
        ],
        series: [
          { label: isTime ? "Hour (UTC)" : "State" },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            value: (_u: uPlot, v: number | null) => (v === null ? "—" : scale.format(v)),
            ...(isTime ? {} : { fill: s.color, paths: uPlot.paths.bars!({ size: [0.6, 60] }) }),
          })),
        ],
      },
      [xs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [x, isTime, series, scale]);
  return (
    <figure className="min-w-0" data-testid="chart">
      <div ref={box} aria-hidden="true" className="w-full min-w-0 text-xs" />
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" data-testid="chart-legend">
        {series.map((s) => (
          <li key={s.label} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-sm ${SWATCHES[s.color] ?? "bg-slate-500"}`} />
            {s.label}: {legendValue(s, isTime, scale.format)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
