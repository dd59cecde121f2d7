/**
 * The record's notation in plain words: EDTF dates for people (the EDTF kept in a tooltip), event types and
 * anomaly rules as phrases, wiki markup of a source's locator or quote stripped.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayText(y: string, m?: string, d?: string): string {
  if (/X/.test(y)) {
    const fixed = y.replace(/X.*/, '');
    const stars = y.length - fixed.length;
    if (stars === 1) return `the ${fixed}0s`;
    if (stars === 2) return `the ${fixed}00s`;
    return 'an unknown year';
  }
  if (!m || /X/.test(m)) return y;
  const month = MONTHS[Number(m) - 1] ?? m;
  if (!d || /X/.test(d)) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

/** One EDTF date (no interval) in words: `2013-03-24?` → "24 March 2013 (uncertain)". */
function single(value: string): string {
  const v = value.trim();
  if (v === '' || v === '..') return '';
  const instant = /^(\d{4})-(\d{2})-(\d{2})T/.exec(v);
  if (instant) return dayText(instant[1], instant[2], instant[3]);
  const qualifier = /[?~%]$/.exec(v)?.[0];
  const m = /^(\d[\dX]{3})(?:-(\d[\dX]|XX))?(?:-(\d[\dX]|XX))?/.exec(v.replace(/[?~%]/g, ''));
  if (!m) return v;
  const text = dayText(m[1], m[2], m[3]);
  if (qualifier === '?') return `${text} (uncertain)`;
  if (qualifier === '~') return `about ${text}`;
  if (qualifier === '%') return `about ${text} (uncertain)`;
  return text;
}

/** An EDTF value (day, month, year, X digits, qualifiers, interval, instant) in words. */
export function edtfText(value: string | null | undefined): string {
  if (!value) return '';
  if (!value.includes('/')) return single(value);
  const [a, b] = value.split('/');
  if (!a || a === '..') return b && b !== '..' ? `by ${single(b)}` : 'at an unknown date';
  if (!b || b === '..') return `on or after ${single(a)}`;
  const da = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a);
  const db = /^(\d{4})-(\d{2})-(\d{2})$/.exec(b);
  if (da && db && da[1] === db[1] && da[2] === db[2]) return `${Number(da[3])}–${dayText(db[1], db[2], db[3])}`;
  return `between ${single(a)} and ${single(b)}`;
}

const EVENT_LABELS: Record<string, string> = {
  CouncilFounded: 'Council founded',
  CouncilDissolved: 'Council dissolved',
  MemberElected: 'Member elected',
  MemberLeft: 'Member left',
  OfficerAppointed: 'Officer appointed',
  OfficerTermEnded: 'Officer’s term ended',
  WorkingGroupFormed: 'Working group formed',
  MeetingHeld: 'Meeting held',
  QuorumFailed: 'Meeting failed for lack of a quorum',
  MotionTabled: 'Motion tabled',
  MotionDecided: 'Motion decided',
  VoteCast: 'Vote cast',
  RollCallRecorded: 'Roll call recorded',
  ElectionRecorded: 'Election recorded',
  GroupFounded: 'Political group founded',
  AffiliationRecorded: 'Group affiliation',
  FactCorrected: 'Correction',
  FactRetracted: 'Retraction',
};

/** An event type as a phrase: `MemberElected` → "Member elected" (unknown types split at capitals). */
export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^(\w)(.*)$/, (_, a: string, b: string) => a + b.toLowerCase());
}

const RULE_LABELS: Record<string, string> = {
  'affiliation-overlap': 'Two group affiliations overlap',
  'after-dissolution': 'Dated after the council was dissolved',
  'before-founding': 'Dated before the council was founded',
  'chair-not-a-member': 'The chair is not a member',
  'correction-not-supported': 'A correction the record cannot apply',
  'curia-seats': 'More members than the curia has seats',
  'decided-before-opened': 'Decided before the motion was opened',
  'departure-before-election': 'Left before being elected',
  'departure-date-imprecise': 'Departure date too imprecise to decide',
  'departure-twice': 'Left twice',
  'elected-before-election': 'Elected before the election',
  'election-seats-sum': 'The curiae’s seats do not add up',
  'meeting-number-missing': 'A meeting number is missing',
  'motion-at-failed-meeting': 'Motion at a meeting without a quorum',
  'motion-undecided': 'No decision on record',
  'outcome-undecided': 'Neither the tally nor the source settles the outcome',
  'officer-not-a-member': 'The officer is not a member',
  'officer-not-in-office': 'The officer is not in office',
  'participant-not-a-member': 'A participant is not a member',
  'quorum-outcome-contradicts': 'The outcome contradicts the quorum',
  'quorum-undecided': 'Attendance unknown: the quorum cannot be checked',
  'remote-participation-counted': 'Remote participants counted towards the quorum',
  'reported-membership-contradicts': 'The reported membership contradicts the record',
  'reported-membership-unexplained': 'The reported membership needs an assumption',
  'reported-outcome-contradicts-quorum': 'The reported outcome contradicts the quorum',
  'reported-outcome-contradicts-tally': 'The reported outcome contradicts the tally',
  'term-ends-before-start': 'A term ends before it starts',
  'voter-not-a-member': 'A voter is not a member',
  'present-exceeds-membership': 'More present than members in office',
  'vote-before-motion-opened': 'Voted before the motion was opened',
};

/** An anomaly rule as a phrase: `officer-not-a-member` → "The officer is not a member". */
export function ruleLabel(rule: string): string {
  return RULE_LABELS[rule] ?? rule.replace(/-/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** Wiki markup out of a source's text: headings `== X ==`, links `[[a|b]]`, bold/italic quotes, templates. */
export function stripWiki(text: string | undefined | null): string {
  if (!text) return '';
  return text
    .replace(/\{\{[^{}]*\}\}/g, '')
    .replace(/\[\[(?:[^|\]]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[https?:\/\/\S+\s([^\]]+)\]/g, '$1')
    .replace(/'{2,}/g, '')
    .replace(/={2,}\s*([^=]+?)\s*={2,}/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

const instantFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC', hour12: false,
});

/** A record time for people, to the millisecond when it has one (so "just before" and "at" differ). */
export function instantText(instant: string | undefined): string {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const ms = d.getUTCMilliseconds();
  return `${instantFormat.format(d)}${ms ? `.${String(ms).padStart(3, '0')}` : ''} UTC`;
}

const EDTF_IN_TEXT = /\b\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?(?:\/\d{4}(?:-\d{2}(?:-\d{2})?)?[?~%]?)?(?![\d:T-])/g;

/** A service's sentence with the EDTF dates in it written for people (`left 2012-12-17/2013-10-19` → "left 17 December 2012 – …"). */
export function plainDates(text: string | undefined | null): string {
  if (!text) return '';
  return text.replace(EDTF_IN_TEXT, (m) => (/^\d{4}$/.test(m) ? m : edtfText(m)));
}
