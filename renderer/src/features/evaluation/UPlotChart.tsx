/**
 * One uPlot chart that fills its box. uPlot draws on a canvas (so the PDF
 * report prints it as drawn); the instance lives in a ref and is rebuilt
 * when the options change, resized with the box.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UPlotChartProps {
  /** Options without width and height: the box decides them. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  testId: string;
  label: string;
}

export function UPlotChart({ options, data, testId, label }: UPlotChartProps): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // The legend sits below the plot and may wrap: the plot gets what it leaves.
    let legend = 28;
    const size = (): { width: number; height: number } => ({ width: Math.max(120, el.clientWidth), height: Math.max(120, el.clientHeight - legend - 8) });
    const u = new uPlot({ ...options, ...size() }, data, el);
    legend = (u.root.querySelector('.u-legend') as HTMLElement | null)?.offsetHeight ?? legend;
    u.setSize(size());
    plot.current = u;
    const observer = new ResizeObserver(() => u.setSize(size()));
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Data changes go through setData below; options rebuild the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} className="eval-chart" data-testid={testId} role="img" aria-label={label} />;
}
