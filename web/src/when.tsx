/** A date of the record as people read it, with its EDTF kept in the tooltip. */
import { edtfBounds } from './dates';
import { edtfText } from './plain';

/** A date of the record for people; the EDTF it came from in the tooltip and in `data-edtf`. */
export function When(props: { value: string | null | undefined; empty?: string }) {
  const v = props.value;
  if (!v) return <span class="muted">{props.empty ?? 'unknown'}</span>;
  const earliest = edtfBounds(v).earliest;
  return (
    <time class="edtf" dateTime={earliest} title={`EDTF: ${v}`} data-edtf={v}>
      {edtfText(v)}
    </time>
  );
}

