/** Charts drawn with Observable Plot: attendance against the quorum line, membership over time. */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';
import type { Meeting, MembershipSeries } from './api';
import { edtfDate } from './dates';

type PlotChart = ReturnType<typeof Plot.plot>;

/**
 * A Plot chart drawn once per data change; the chosen date is a separate marker line moved along the
 * chart's own x scale, so a date change does not redraw the chart.
 */
function PlotFigure(props: { testid: string; label: string; make: () => PlotChart; deps: unknown[]; marker?: Date; height: number; veil?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<PlotChart | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = props.make();
    // The container is the accessible image (its label says what the chart shows; the tables beside it
    // give the figures): Plot's own per-mark labels on <g> elements would be prohibited ARIA there.
    for (const node of chart.querySelectorAll('g[aria-label], svg [aria-label]')) node.removeAttribute('aria-label');
    for (const svg of chart.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
    if (chart.tagName.toLowerCase() === 'svg') chart.setAttribute('aria-hidden', 'true');
    el.replaceChildren(chart);
    chartRef.current = chart;
    placeMarker(chart, props.marker, props.height, props.veil);
    return () => {
      chart.remove();
      chartRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, props.deps);
  useEffect(() => {
    if (chartRef.current) placeMarker(chartRef.current, props.marker, props.height, props.veil);
  }, [props.marker?.getTime()]);
  return <div class="chart" data-testid={props.testid} role="img" aria-label={props.label} ref={ref} />;
}

function placeMarker(chart: PlotChart, marker: Date | undefined, height: number, veil = false): void {
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector(':scope > svg');
  if (!svg) return;
  let line = svg.querySelector<SVGLineElement>('line.at-marker');
  let cover = svg.querySelector<SVGRectElement>('rect.at-veil');
  const x = marker ? chart.scale('x')?.apply?.(marker) : undefined;
  if (x === undefined || !Number.isFinite(x)) {
    line?.remove();
    cover?.remove();
    return;
  }
  if (veil) {
    // What lies after the chosen date is dimmed by a translucent cover, moved rather than redrawn.
    const width = Number(svg.getAttribute('width') ?? 0);
    if (!cover) {
      cover = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      cover.setAttribute('class', 'at-veil');
      cover.setAttribute('fill', '#fff');
      cover.setAttribute('fill-opacity', '0.7');
      svg.appendChild(cover);
    }
    // Starts just past the marker so a meeting on the chosen date itself is not dimmed.
    cover.setAttribute('x', String(x + 7));
    cover.setAttribute('y', '15');
    cover.setAttribute('width', String(Math.max(0, width - 62 - x - 7)));
    cover.setAttribute('height', String(Math.max(0, height - 45)));
  }
  if (!line) {
    line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    line.setAttribute('class', 'at-marker');
    line.setAttribute('stroke', '#1a1a1a');
    line.setAttribute('stroke-width', '1.5');
    line.setAttribute('stroke-dasharray', '3 2');
    svg.appendChild(line);
  }
  line.setAttribute('x1', String(x));
  line.setAttribute('x2', String(x));
  line.setAttribute('y1', '20');
  line.setAttribute('y2', String(height - 30));
}

const WIDTH = 960;

export function AttendanceChart(props: { meetings: Meeting[]; at: string }) {
  const rows = props.meetings
    .map((m) => ({ ...m, when: edtfDate(m.date) }))
    .filter((m): m is typeof m & { when: Date } => m.when !== undefined);
  const atDate = edtfDate(props.at);
  const failed = rows.filter((m) => m.outcome === 'quorum-failed');
  const label =
    `Attendance at ${rows.length} meetings against the quorum line; ${failed.length} failed for lack of a quorum.` +
    ' The chosen date is marked and what follows it dimmed; the table below gives the figures up to it.';
  const title = (m: Meeting) =>
    `${m.number ? `Meeting ${m.number}` : 'Meeting'} ${m.date}: ${m.present ?? 'unknown number'} present of ${m.membership ?? '?'} (quorum ${m.quorum ?? '?'}) — ${m.outcome}`;
  const present = (m: Meeting) => typeof m.present === 'number';
  return (
    <div>
      <PlotFigure
        testid="attendance-chart"
        label={label}
        deps={[props.meetings]}
        marker={atDate}
        veil
        height={260}
        make={() =>
          Plot.plot({
            width: WIDTH,
            height: 260,
            marginLeft: 44,
            marginRight: 70,
            ariaLabel: label,
            x: { type: 'utc', label: null },
            y: { label: 'members', grid: true, zero: true },
            marks: [
              Plot.lineY(rows.filter((m) => typeof m.membership === 'number'), {
                x: 'when', y: 'membership', curve: 'step-after', stroke: '#767676', strokeDasharray: '4 3',
              }),
              Plot.lineY(rows.filter((m) => typeof m.quorum === 'number'), {
                x: 'when', y: 'quorum', curve: 'step-after', stroke: '#b3261e', strokeWidth: 1.5,
              }),
              Plot.ruleY([0]),
              Plot.dot(rows.filter((m) => m.outcome === 'held' && present(m)), { x: 'when', y: 'present', fill: '#2f6f3e', r: 5, title }),
              Plot.dot(rows.filter((m) => m.outcome !== 'held' && present(m)), { x: 'when', y: 'present', symbol: 'times', stroke: '#b3261e', strokeWidth: 2.5, r: 6, title }),
              // A meeting that failed with attendance unknown sits on the axis.
              Plot.dot(rows.filter((m) => m.outcome !== 'held' && !present(m)), { x: 'when', y: 0, symbol: 'times', stroke: '#b3261e', strokeWidth: 2.5, r: 6, title }),
              Plot.text(rows.filter((m) => typeof m.quorum === 'number').slice(-1), {
                x: 'when', y: 'quorum', text: () => 'quorum', dy: -8, dx: 4, textAnchor: 'start', fill: '#b3261e',
              }),
              Plot.text(rows.filter((m) => typeof m.membership === 'number').slice(-1), {
                x: 'when', y: 'membership', text: () => 'members', dy: -8, dx: 4, textAnchor: 'start', fill: '#4d4d4d',
              }),
            ],
          })
        }
      />
      <ul class="legend chart-legend" aria-hidden="true">
        <li><span class="sym held">●</span> held</li>
        <li><span class="sym failed">✕</span> failed for lack of a quorum</li>
        <li><span class="sym later">▒</span> after the chosen date (dimmed)</li>
        <li><span class="sym quorum">—</span> quorum</li>
        <li><span class="sym members">- -</span> members in office</li>
      </ul>
    </div>
  );
}

export function MembershipChart(props: { series: MembershipSeries['series']; at: string; seats: number }) {
  const rows = props.series
    .map((p) => ({ when: edtfDate(p.date), certain: p.certain, upper: p.certain + (p.uncertain ?? 0) }))
    .filter((p): p is { when: Date; certain: number; upper: number } => p.when !== undefined);
  const label = `Members in office over time (certain, and with the uncertain ones on top), ${props.seats} seats; the chosen date ${props.at} is marked.`;
  return (
    <PlotFigure
      testid="membership-chart"
      label={label}
      deps={[props.series]}
      marker={edtfDate(props.at)}
      height={220}
      make={() =>
        Plot.plot({
          width: WIDTH,
          height: 220,
          marginLeft: 44,
          ariaLabel: label,
          x: { type: 'utc', label: null },
          y: { label: 'members', grid: true, domain: [0, Math.max(props.seats, ...rows.map((r) => r.upper))] },
          marks: [
            Plot.areaY(rows, { x: 'when', y1: 'certain', y2: 'upper', curve: 'step-after', fill: '#f28e2b', fillOpacity: 0.35 }),
            Plot.lineY(rows, { x: 'when', y: 'certain', curve: 'step-after', stroke: '#4e79a7', strokeWidth: 2 }),
            Plot.ruleY([props.seats], { stroke: '#767676', strokeDasharray: '4 3' }),
            Plot.ruleY([0]),
          ],
        })
      }
    />
  );
}
