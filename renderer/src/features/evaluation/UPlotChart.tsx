/**
 * One uPlot chart that fills its box. uPlot draws on a canvas (so the PDF
 * report prints it as drawn); the instance lives in a ref and is rebuilt
 * when the options change, resized with the box.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
}

export interface UPlotChartProps {
  /** Options without width and height: the box decides them. uPlot's own legend is replaced by `legend`. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  legend: readonly LegendItem[];
  testId: string;
  label: string;
}

export function UPlotChart({ options, data, legend, testId, label }: UPlotChartProps): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // A fixed legend above (React) and no uPlot legend below: the plot fills the box exactly.
    const size = (): { width: number; height: number } => ({ width: Math.max(120, el.clientWidth), height: Math.max(120, el.clientHeight) });
    const u = new uPlot({ ...options, legend: { show: false }, ...size() }, data, el);
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

  return (
    <div className="eval-chart-box">
      <ul className="eval-legend">
        {legend.map((item) => (
          <li key={item.label}>
            <span className={`eval-swatch ${item.dashed ? 'dashed' : ''}`} style={{ borderColor: item.color, background: item.dashed ? 'transparent' : item.color }} aria-hidden />
            {item.label}
          </li>
        ))}
      </ul>
      <div ref={box} className="eval-chart" data-testid={testId} role="img" aria-label={label} />
    </div>
  );
}
