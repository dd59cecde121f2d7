import { Controller, Get, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CouncilReads } from '../council-reads';
import { BoundedReads } from '../bounded/bounded-reads';
import type { Principal } from '../../auth/principal';
import { MinPositionInterceptor } from './min-position.interceptor';
import { sendPage } from './page';
import { EventsQueryDto, MotionsQueryDto, PagedRecordTimeQueryDto, RecordTimeQueryDto, StateQueryDto, TimelineQueryDto } from './read-query.dto';

/** The metadata of a request (its Idempotency-Key or request id, request hash and first reply), hidden from the public. */
const REQUEST_METADATA = new Set(['idempotencyKey', 'requestId', 'requestHash', 'reply', 'idempotency']);

function withoutRequestMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => !REQUEST_METADATA.has(key)));
}

const PAGED = 'Paged: ?limit= (default 1,000, at most 10,000) and ?cursor=; when more remain, Link: <...>; rel="next".';

@ApiTags('reading state over time')
@Controller('councils/:councilId')
@UseInterceptors(MinPositionInterceptor)
export class CouncilRecordsController {
  constructor(
    private readonly reads: CouncilReads,
    private readonly bounded: BoundedReads,
  ) {}

  @Get('meetings')
  @ApiOperation({ summary: 'Meetings in date order, with derived and reported figures and named attendance.', description: PAGED })
  @ApiOkResponse({ description: '[{ meetingId, number, date, kind, outcome, chair, present, remoteCount, membership, membershipUncertain, reportedMembership, quorum, agenda, attendees, membershipWhenRecorded, quorumWhenRecorded, ... }] (membership and quorum as the record is known at knownAt)' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  meetings(@Param('councilId') councilId: string, @Query() query: PagedRecordTimeQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return sendPage(req, res, this.reads.meetings(councilId, query, query), (c) => this.reads.encodeCursor(c));
  }

  @Get('motions')
  @ApiOperation({ summary: 'Motions with their tally, decision rule, required votes and outcome; individual votes with ?votes=true.', description: PAGED })
  @ApiOkResponse({ description: '[{ motionId, title, kind, tally, rule, required, outcome, winner, votes?, ... }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  motions(@Param('councilId') councilId: string, @Query() query: MotionsQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return sendPage(req, res, this.reads.motions(councilId, query, query, query.votes === 'true'), (c) => this.reads.encodeCursor(c));
  }

  @Get('elections')
  @ApiOperation({ summary: 'Elections on record: the figures the record knows (an unknown figure is absent, never 0) and the members tied to each.' })
  @ApiOkResponse({ description: '[{ electionId, heldOn, seats?, curiae?, candidates?, candidateCount?, voters?, committee?, note?, members?, source, eventId }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  elections(@Param('councilId') councilId: string, @Query() query: RecordTimeQueryDto) {
    return this.reads.elections(councilId, query);
  }

  @Get('inferences')
  @ApiOperation({
    summary:
      'What the figures imply (historians): for each imprecisely dated departure or election, the narrowest interval consistent with every reported "out of N" and every dated fact, the figures that narrow it, and the figures that clash. Derived on read, never recorded.',
  })
  @ApiOkResponse({ description: '{ councilId, derived, departures: [{ memberId, name, recorded, inferred, narrowed, narrowedBy }], elections, figures, clashes }' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  async inferences(@Param('councilId') councilId: string, @Query() query: RecordTimeQueryDto, @Res({ passthrough: true }) res: Response) {
    // Bounded (off this thread, within budget, cached per record position): see BoundedReads.
    const { position, knownAtMs } = this.reads.resolveRecordTime(councilId, query);
    const body = await this.bounded.run({ kind: 'inferences' }, councilId, position, knownAtMs);
    res.type('application/json');
    return body;
  }

  @Get('bodies')
  @ApiOperation({ summary: 'Council bodies other than a named working group (issue 25): committees, sets of N working groups whose names are unknown; formed by `at` when given.' })
  @ApiOkResponse({ description: '[{ bodyId, kind, name?, count?, formedOn, membersKnown, members?, note?, source, eventId }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  bodies(@Param('councilId') councilId: string, @Query() query: StateQueryDto) {
    return this.reads.bodies(councilId, query.at, query);
  }

  @Get('statements')
  @ApiOperation({ summary: 'Statements by part of the members, not acts of the council (issue 25), with the signatories or their count.' })
  @ApiOkResponse({ description: '[{ statementId, title, issuedOn, signatories?, signatoryCount?, note?, source, eventId }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  statements(@Param('councilId') councilId: string, @Query() query: RecordTimeQueryDto) {
    return this.reads.statements(councilId, query);
  }

  @Get('member-statuses')
  @ApiOperation({ summary: 'Every member status on record that is not a departure (issue 25): arrested, house arrest, left the country...' })
  @ApiOkResponse({ description: '[{ memberId, status, since, note?, source, eventId }]; GET .../state?at= gives each member\'s status on the day' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  memberStatuses(@Param('councilId') councilId: string, @Query() query: RecordTimeQueryDto) {
    return this.reads.memberStatuses(councilId, query);
  }

  @Get('working-groups')
  @ApiOperation({ summary: 'Working groups; members absent and membersKnown false when the source does not give the composition.' })
  @ApiOkResponse({ description: '[{ workingGroupId, name, formedOn, membersKnown, members?, source, eventId }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  workingGroups(@Param('councilId') councilId: string, @Query() query: RecordTimeQueryDto) {
    return this.reads.workingGroups(councilId, query);
  }

  @Get('timeline')
  @ApiOperation({ summary: 'What happened, in world order (by date), with a description, source and when it was recorded.', description: PAGED })
  @ApiOkResponse({ description: '[{ eventId, factId, type, date, description, source, recordedAt, position }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  timeline(@Param('councilId') councilId: string, @Query() query: TimelineQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return sendPage(req, res, this.reads.timeline(councilId, query.from, query.to, query, query), (c) => this.reads.encodeCursor(c));
  }

  @Get('events')
  @ApiOperation({ summary: 'The recorded events in record order with their global positions and who recorded them (audit view).', description: PAGED })
  @ApiOkResponse({ description: '[{ position, eventId, type, revision, data, metadata, recordedBy, recordedAt }]' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  events(@Param('councilId') councilId: string, @Query() query: EventsQueryDto, @Req() req: Request & { principal?: Principal }, @Res({ passthrough: true }) res: Response) {
    const rows = sendPage(req, res, this.reads.events(councilId, query.after, query), (c) => this.reads.encodeCursor(c));
    // Idempotency keys and first replies are the callers' business: shown to admins and historians only.
    if (req.principal?.role === 'admin' || req.principal?.role === 'historian') return rows;
    return rows.map((e) => ({ ...e, metadata: withoutRequestMetadata(e.metadata) }));
  }
}
