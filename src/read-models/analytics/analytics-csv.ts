/**
 * The analyst's tables as CSV (issue 27): attendance and cohesion per curia or per group, and attendance
 * per member, each row the JSON report's row with the same names. Popolo has no analytics, so these exist
 * only as CSV. A figure the record cannot give is an empty cell, never 0: a row with no eligible
 * member-meeting (nothing named who attended) has its counts and rate empty, and a bucket with no motion of
 * two or more yes/no votes has no Rice index.
 */
import type { AttendanceReport, BucketAttendance, CohesionReport, GroupBy, MemberAttendance } from './analytics.query';
import { CsvValue, toCsv } from './csv';

/** Counted over at least one member-meeting: the counts are figures; otherwise they are unknown (empty). */
const counted = (row: { eligible: number }) => row.eligible > 0;

export function attendanceCsv(report: AttendanceReport): string {
  const by = report.by;
  if (by) {
    const rows = (by === 'curia' ? report.curiae : report.groups) ?? [];
    return toCsv([by, 'name', 'members', 'attended', 'missed', 'eligible', 'rate'], rows.map((b: BucketAttendance): CsvValue[] =>
      counted(b) ? [b.key, b.name, b.members, b.attended, b.missed, b.eligible, b.rate] : [b.key, b.name, null, null, null, b.eligible, null],
    ));
  }
  return toCsv(['memberId', 'name', 'curia', 'attended', 'missed', 'eligible', 'rate', 'undecidable'], report.members.map((m: MemberAttendance): CsvValue[] =>
    counted(m)
      ? [m.memberId, m.name, m.curia, m.attended, m.missed, m.eligible, m.rate, m.undecidable]
      : [m.memberId, m.name, m.curia, null, null, m.eligible, null, m.undecidable],
  ));
}

export function cohesionCsv(report: CohesionReport): string {
  const by: GroupBy = report.by;
  const rows = by === 'curia'
    ? (report.curiae ?? []).map((c) => ({ key: c.curia, name: c.name, motions: c.motions, rice: c.rice }))
    : (report.groups ?? []).map((g) => ({ key: g.group, name: g.name, motions: g.motions, rice: g.rice }));
  return toCsv([by, 'name', 'motions', 'rice'], rows.map((r): CsvValue[] => [r.key, r.name, r.motions, r.rice]));
}
