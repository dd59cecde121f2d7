/** The council's pure domain: state, decide, evolve, rules and the queries the read side folds with. */
export * from './state';
export { evolve, stateFromFacts } from './evolve';
export { decide } from './decide';
export type { Decision } from './decide';
export { membersOn, statusOn, officersOn, factDate } from './queries';
export type { Day, OfficerOn } from './queries';
export { inOffice, membershipOn } from './rules/membership';
export type { MembersOn, UncertainMember } from './rules/membership';
export { quorumFigures, judgeQuorum, majority } from './rules/quorum';
export { resolveMember, resolveOrThrow } from './resolve-member';
export type { Resolution, Candidate } from './resolve-member';
export { normalizeName, slugify } from './names';
export type { CouncilCommand, RecordElection, ElectMember } from './commands';
export type { ElectionRecorded, ElectionCandidate, ElectionCuria, ElectionCommitteeMember } from './events';
