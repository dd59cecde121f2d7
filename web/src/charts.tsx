/** Charts drawn with Observable Plot: attendance against the quorum line, membership over time. */
import * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Meeting, MembershipSeries } from './api';
import { edtfDate } from './dates';
import { edtfText } from './plain';

type PlotChart = ReturnType<typeof Plot.plot>;

/**
 * A Plot chart drawn once per data change; the chosen date is a separate marker line moved along the
 * chart's own x scale, so a date change does not redraw the chart.
 */
function PlotFigure(props: { testid: string; label: string; make: (width: number) => PlotChart; deps: unknown[]; marker?: Date; height: number; veil?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<PlotChart | null>(null);
  // Drawn at the width of its box (a phone gets a narrower chart with fewer ticks, not a shrunken one).
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A section not yet laid out (content-visibility) has no width of its own: the page's column then.
    const measure = () => setWidth(Math.max(300, Math.min(MAX_WIDTH, Math.round(el.clientWidth || (document.getElementById('main')?.clientWidth ?? innerWidth) - 32))));
    measure();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(measure, 150);
    };
    addEventListener('resize', onResize);
    return () => removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (!el || !width) return;
    const chart = props.make(width);
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
  }, [...props.deps, width]);
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
    cover.setAttribute('width', String(Math.max(0, width - 40 - x - 7)));
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

const MAX_WIDTH = 960;

export function AttendanceChart(props: { meetings: Meeting[]; at: string }) {
  const rows = useMemo(
    () => props.meetings.map((m) => ({ ...m, when: edtfDate(m.date) })).filter((m): m is typeof m & { when: Date } => m.when !== undefined),
    [props.meetings],
  );
  const atDate = edtfDate(props.at);
  const failed = rows.filter((m) => m.outcome === 'quorum-failed');
  const unknown = rows.filter((m) => typeof m.present !== 'number');
  const label =
    `Attendance at ${rows.length} meetings against the quorum line; ${failed.length} failed for lack of a quorum` +
    (unknown.length ? `; attendance unknown at ${unknown.length}, drawn as dashed lines across the chart` : '') +
    '. The chosen date is marked and what follows it dimmed; the table below gives the figures up to it.';
  const title = (m: Meeting) =>
    `${m.number ? `Meeting ${m.number}` : 'Meeting'} of ${edtfText(m.date)}: ${typeof m.present === 'number' ? `${m.present} present` : 'attendance unknown'} of ${m.membership ?? '?'} members (quorum ${m.quorum ?? '?'}) — ${m.outcome === 'held' ? 'held' : 'failed for lack of a quorum'}`;
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
        make={(width) =>
          Plot.plot({
            width,
            height: 260,
            marginLeft: 40,
            marginRight: width < 500 ? 20 : 70,
            ariaLabel: label,
            style: { fontSize: '12px' },
            x: { type: 'utc', label: null, ticks: Math.max(3, Math.floor(width / 110)) },
            y: { label: 'members', grid: true, zero: true },
            marks: [
              Plot.lineY(rows.filter((m) => typeof m.membership === 'number'), {
                x: 'when', y: 'membership', curve: 'step-after', stroke: '#767676', strokeDasharray: '4 3',
              }),
              Plot.lineY(rows.filter((m) => typeof m.quorum === 'number'), {
                x: 'when', y: 'quorum', curve: 'step-after', stroke: '#b3261e', strokeWidth: 1.5,
              }),
              Plot.ruleY([0]),
              // Attendance unknown: neither 0 nor left out — a dashed line across the chart on its date.
              Plot.ruleX(unknown, { x: 'when', stroke: (m: Meeting) => (m.outcome === 'held' ? '#2f6f3e' : '#b3261e'), strokeDasharray: '2 3', strokeWidth: 1.5, title }),
              Plot.dot(rows.filter((m) => m.outcome === 'held' && present(m)), { x: 'when', y: 'present', fill: '#2f6f3e', r: 5, title }),
              Plot.dot(rows.filter((m) => m.outcome !== 'held' && present(m)), { x: 'when', y: 'present', symbol: 'times', stroke: '#b3261e', strokeWidth: 2.5, r: 6, title }),
              ...(width < 500
                ? []
                : [
                    Plot.text(rows.filter((m) => typeof m.quorum === 'number').slice(-1), {
                      x: 'when', y: 'quorum', text: () => 'quorum', dy: -8, dx: 4, textAnchor: 'start', fill: '#b3261e',
                    }),
                    Plot.text(rows.filter((m) => typeof m.membership === 'number').slice(-1), {
                      x: 'when', y: 'membership', text: () => 'members', dy: -8, dx: 4, textAnchor: 'start', fill: '#4d4d4d',
                    }),
                  ]),
            ],
          })
        }
      />
      <ul class="legend chart-legend" aria-hidden="true" data-testid="attendance-legend">
        <li><span class="sym held">●</span> held (present)</li>
        <li><span class="sym failed">✕</span> failed for lack of a quorum</li>
        <li><span class="sym unknown">┆</span> attendance unknown</li>
        <li><span class="sym quorum">—</span> quorum</li>
        <li><span class="sym members">- -</span> members in office</li>
        <li><span class="sym later">▒</span> after the chosen date (dimmed)</li>
      </ul>
    </div>
  );
}

/** `seats` absent: the record gives no seat count (issue 25), and no seats line is drawn. */
export function MembershipChart(props: { series: MembershipSeries['series']; at: string; seats?: number | null }) {
  const seats = props.seats ?? undefined;
  const ofSeats = seats !== undefined ? ` of ${seats} seats` : ' (seats unknown)';
  const rows = useMemo(
    () =>
      props.series
        .map((p) => ({ date: p.date, when: edtfDate(p.date), certain: p.certain, uncertain: p.uncertain ?? 0, upper: p.certain + (p.uncertain ?? 0) }))
        .filter((p): p is { date: string; when: Date; certain: number; uncertain: number; upper: number } => p.when !== undefined),
    [props.series],
  );
  const label = `Members in office over time (certain, and with the uncertain ones on top), ${seats !== undefined ? `${seats} seats` : 'seats unknown'}; the chosen date ${edtfText(props.at)} is marked.`;
  const title = (r: (typeof rows)[number]) => `${edtfText(r.date)}: ${r.certain} certainly in office${r.uncertain ? `, ${r.uncertain} uncertain` : ''}${ofSeats}`;
  return (
    <div>
      <PlotFigure
        testid="membership-chart"
        label={label}
        deps={[props.series]}
        marker={edtfDate(props.at)}
        height={220}
        make={(width) =>
          Plot.plot({
            width,
            height: 220,
            marginLeft: 40,
            marginRight: 20,
            ariaLabel: label,
            style: { fontSize: '12px' },
            x: { type: 'utc', label: null, ticks: Math.max(3, Math.floor(width / 110)) },
            y: { label: 'members', grid: true, domain: [0, Math.max(seats ?? 0, ...rows.map((r) => r.upper))] },
            marks: [
              Plot.areaY(rows, { x: 'when', y1: 'certain', y2: 'upper', curve: 'step-after', fill: '#f28e2b', fillOpacity: 0.35 }),
              Plot.lineY(rows, { x: 'when', y: 'certain', curve: 'step-after', stroke: '#4e79a7', strokeWidth: 2 }),
              ...(seats !== undefined ? [Plot.ruleY([seats], { stroke: '#767676', strokeDasharray: '4 3' })] : []),
              Plot.ruleY([0]),
              // Each step's figures as a tooltip (the SVG title of a small mark on the line).
              Plot.dot(rows, { x: 'when', y: 'certain', r: 2.5, fill: '#4e79a7', title }),
            ],
          })
        }
      />
      <ul class="legend chart-legend" aria-hidden="true" data-testid="membership-legend">
        <li><span class="sym certain">—</span> certainly in office</li>
        <li><span class="sym uncertain">■</span> uncertain (may or may not be in office)</li>
        {seats !== undefined ? <li><span class="sym members">- -</span> seats ({seats})</li> : <li>seats: unknown</li>}
        <li><span class="sym marker">┊</span> the chosen date</li>
      </ul>
    </div>
  );
}
