/** The seat diagram: every seat of the council on the chosen date, in a hemicycle, with a legend. */
import { navigate } from './router';
import { hemicyclePoints, type Block, type Seat } from './seats';

/**
 * Each member's seat is a link to their page (focusable, Enter opens it; a plain click navigates in place),
 * so the diagram is a group of links rather than one image; vacant seats are decoration.
 */
export function Hemicycle(props: { at?: string; seats: Seat[]; blocks: Block[]; title: string; blockKind: string; memberHref?: (memberId: string) => string }) {
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
        role="group"
        aria-label={`${props.title}. ${summary}. Each member's seat opens their page.`}
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
            const circle = (
              <circle
                class={`seat seat-${seat.state}`}
                data-seat-state={seat.state}
                data-block={seat.block}
                cx={p.x}
                cy={p.y}
                r={seatRadius}
                fill={seat.state === 'filled' ? color : seat.state === 'uncertain' ? 'url(#uncertain-hatch)' : '#fff'}
                stroke={seat.state === 'vacant' ? '#767676' : color}
                stroke-width={seatRadius * (seat.state === 'filled' ? 0.15 : 0.35)}
                stroke-dasharray={seat.state === 'vacant' ? `${seatRadius * 0.5} ${seatRadius * 0.35}` : undefined}
              >
                <title>{seat.label}</title>
              </circle>
            );
            if (!seat.memberId || !props.memberHref) return <g key={i} aria-hidden="true">{circle}</g>;
            const href = props.memberHref(seat.memberId);
            return (
              <a
                key={i}
                href={href}
                class="seat-link"
                data-member-id={seat.memberId}
                aria-label={seat.label}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  navigate(href, true);
                }}
              >
                {circle}
              </a>
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
