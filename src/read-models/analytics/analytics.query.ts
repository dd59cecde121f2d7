/**
 * The analytics reports (GET .../analytics/*), one file per report: membership over time
 * (membership-series.query.ts), attendance (attendance.query.ts) and cohesion (cohesion.query.ts).
 */
export { GROUP_BY } from './snapshot';
export type { GroupBy } from './snapshot';

export { MAX_SERIES_STEPS, STEPS, membershipSeries } from './membership-series.query';
export type { MembershipPoint, MembershipSeries, Step } from './membership-series.query';
export { attendanceReport } from './attendance.query';
export type { AttendanceReport, BucketAttendance, MeetingAttendance, MemberAttendance } from './attendance.query';
export { cohesionReport } from './cohesion.query';
export type { CohesionReport, CuriaCohesion, GroupCohesion, PairAgreement } from './cohesion.query';
