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

const HEIGHT = 200;

export function Chart({
  x,
  series,
  format = String,
}: {
  x: { hours: string[] } | { categories: string[] };
  series: ChartSeries[];
  format?: (value: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const isTime = "hours" in x;
    const xs = isTime ? x.hours.map((hour) => Date.parse(hour) / 1000) : x.categories.map((_, i) => i);
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: HEIGHT,
        scales: {
          x: { time: isTime, ...(isTime ? {} : { range: [-0.5, xs.length - 0.5] as [number, number] }) },
          y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
        },
        axes: [
          isTime ? {} : { splits: () => xs, values: (_u, splits) => splits.map((i) => (x as { categories: string[] }).categories[i] ?? "") },
          { values: (_u, splits) => splits.map(format), size: 60 },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            value: (_u: uPlot, v: number | null) => (v === null ? "—" : format(v)),
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
  }, [x, series, format]);
  return <div ref={box} aria-hidden="true" className="w-full min-w-0 text-xs" />;
}
