/** A link whose `at` or `knownAt` cannot be read: what is wrong, in words, and the ways back. */
import { isDay } from './dates';
import { Link } from './router';

/** What is wrong with the URL's `at` or `knownAt`, in words (undefined when both are usable). */
export function urlProblem(at: string | undefined, knownAt: string | undefined): { field: 'at' | 'knownAt'; message: string } | undefined {
  if (at !== undefined && !isDay(at)) {
    return {
      field: 'at',
      message: /^\d{4}-\d{2}-\d{2}$/.test(at)
        ? `“${at}” is not a day of the calendar.`
        : `“${at}” is not a date: the explorer shows a council on a day written YYYY-MM-DD, e.g. 2013-01-20.`,
    };
  }
  if (knownAt !== undefined && Number.isNaN(Date.parse(knownAt))) {
    return { field: 'knownAt', message: `“${knownAt}” is not an instant: “as the record stood at” takes a time such as 2026-01-01T00:00:00Z.` };
  }
  return undefined;
}

export function Problem(props: { title: string; message: string; back: Array<{ href: string; label: string }> }) {
  return (
    <div class="problem" role="alert" data-testid="url-problem">
      <h2>{props.title}</h2>
      <p>{props.message}</p>
      <ul class="way-back">
        {props.back.map((b) => (
          <li key={b.href}>
            <Link href={b.href} testid="way-back">{b.label}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
