/** The seat diagram: every seat of the council on the chosen date, in a hemicycle, with a legend. */

export type SeatState = 'filled' | 'vacant' | 'uncertain';

export interface Seat {
  state: SeatState;
  /** The block (curia or group) the seat belongs to. */
  block: string;
  label: string;
}

export interface Block {
  key: string;
  name: string;
  color: string;
}

/** Tableau 10, readable on white and distinguishable for most colour-blind readers. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#e15759', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];

interface Point {
  x: number;
  y: number;
  angle: number;
}

/**
 * Seat centres on concentric half circles (outer radius 1, inner 0.4), seats per row proportional to the
 * row's radius, ordered from left to right so consecutive seats of a block stay together.
 */
export function hemicyclePoints(n: number): { points: Point[]; seatRadius: number } {
  if (n <= 0) return { points: [], seatRadius: 0.05 };
  const inner = 0.4;
  // One arc for a handful of seats; otherwise the fewest rows (at least two) that hold every seat.
  let rows = n <= 9 ? 1 : 2;
  for (;;) {
    const spacing = rows === 1 ? (Math.PI / Math.max(n, 1)) : (1 - inner) / (rows - 1);
    const radii = Array.from({ length: rows }, (_, i) => (rows === 1 ? 1 : inner + ((1 - inner) * i) / (rows - 1)));
    const capacity = radii.reduce((sum, r) => sum + Math.floor((Math.PI * r) / spacing) + 1, 0);
    if (capacity >= n || rows > 60) {
      const total = radii.reduce((a, b) => a + b, 0);
      const exact = radii.map((r) => (n * r) / total);
      const counts = exact.map(Math.floor);
      let left = n - counts.reduce((a, b) => a + b, 0);
      const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
      for (const [, i] of order) if (left-- > 0) counts[i]++;
      const points: Point[] = [];
      radii.forEach((r, i) => {
        const c = counts[i];
        for (let k = 0; k < c; k++) {
          const angle = c === 1 ? Math.PI / 2 : Math.PI - (Math.PI * k) / (c - 1);
          points.push({ x: r * Math.cos(angle), y: r * Math.sin(angle), angle });
        }
      });
      points.sort((a, b) => b.angle - a.angle || a.x - b.x);
      // Seats never touch: the radius is under half the smaller of the row gap and the tightest arc gap.
      const arcGaps = radii.map((r, i) => (counts[i] > 1 ? (Math.PI * r) / (counts[i] - 1) : Infinity));
      const gap = Math.min(rows === 1 ? Infinity : spacing, ...arcGaps);
      const seatRadius = Math.min(gap / 2.5, 0.09);
      return { points, seatRadius };
    }
    rows++;
  }
}

export function Hemicycle(props: { at?: string; seats: Seat[]; blocks: Block[]; title: string; blockKind: string }) {
  const { points, seatRadius } = hemicyclePoints(props.seats.length);
  const colorOf = new Map(props.blocks.map((b) => [b.key, b.color]));
  const filled = props.seats.filter((s) => s.state === 'filled').length;
  const uncertain = props.seats.filter((s) => s.state === 'uncertain').length;
  const vacant = props.seats.length - filled - uncertain;
  const summary = `${props.seats.length} seats: ${filled} filled, ${uncertain} uncertain, ${vacant} vacant`;
  const pad = seatRadius + 0.02;
  return (
    <figure class="hemicycle">
      <svg
        data-testid="seats"
        data-at={props.at}
        viewBox={`${-1 - pad} ${-pad} ${2 + 2 * pad} ${1 + 2 * pad}`}
        role="img"
        aria-label={`${props.title}. ${summary}`}
      >
        <defs>
          <pattern id="uncertain-hatch" width="0.03" height="0.03" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="0.03" height="0.03" fill="#fff" />
            <line x1="0" y1="0" x2="0" y2="0.03" stroke="#555" stroke-width="0.012" />
          </pattern>
        </defs>
        <g transform="scale(1,-1) translate(0,-1)">
          {props.seats.map((seat, i) => {
            const p = points[i];
            const color = colorOf.get(seat.block) ?? '#888';
            return (
              <circle
                key={i}
                class={`seat seat-${seat.state}`}
                data-seat-state={seat.state}
                data-block={seat.block}
                cx={p.x}
                cy={p.y + 0.0}
                r={seatRadius}
                fill={seat.state === 'filled' ? color : seat.state === 'uncertain' ? 'url(#uncertain-hatch)' : '#fff'}
                stroke={seat.state === 'vacant' ? '#767676' : color}
                stroke-width={seatRadius * (seat.state === 'filled' ? 0.15 : 0.35)}
                stroke-dasharray={seat.state === 'vacant' ? `${seatRadius * 0.5} ${seatRadius * 0.35}` : undefined}
              >
                <title>{seat.label}</title>
              </circle>
            );
          })}
        </g>
      </svg>
      <figcaption>
        <p class="seat-summary">{summary}</p>
        <ul class="legend" aria-label={`Legend: seats by ${props.blockKind} and state`}>
          {props.blocks.map((b) => (
            <li key={b.key}>
              <svg width="14" height="14" aria-hidden="true">
                <circle cx="7" cy="7" r="6" fill={b.color} />
              </svg>
              {b.name}
            </li>
          ))}
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <defs>
                <pattern id="uncertain-hatch-legend" width="3" height="3" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="3" height="3" fill="#fff" />
                  <line x1="0" y1="0" x2="0" y2="3" stroke="#555" stroke-width="1.2" />
                </pattern>
              </defs>
              <circle cx="7" cy="7" r="5.5" fill="url(#uncertain-hatch-legend)" stroke="#555" stroke-width="2" />
            </svg>
            uncertain (hatched: may or may not be in office)
          </li>
          <li>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="5.5" fill="#fff" stroke="#767676" stroke-width="1.5" stroke-dasharray="2 1.5" />
            </svg>
            vacant
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
