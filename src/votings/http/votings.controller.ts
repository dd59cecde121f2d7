import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWriter } from '../../council/application/council-writer';
import { hashRequest } from '../../council/application/request-context';
import { IdempotentRequest } from '../application/idempotency';
import { idempotencyKeyOf } from '../../api/idempotency-key';
import { NotFoundError } from '../../council/domain/errors';
import { slugify, uniqueId } from '../../council/domain/names';
import { SlugPipe } from '../../council/http/slug.pipe';
import { VotingService } from '../application/voting-service';
import { BallotDefinition } from '../domain';
import { CommitteeAccess, bearerToken, unauthorized } from './committee-access';
import { parseMarks } from './marks';
import { RegisterVoterDto, ScheduleVotingDto, VerificationDto } from './voting.dto';
import { VotingProblemFilter } from './voting-problems';
import { RegistrationLimit } from './registration-limit';

const BULLETIN_PAGE = 10_000;

@ApiTags('votings')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@UseFilters(VotingProblemFilter)
@Controller()
export class VotingsController {
  constructor(
    private readonly votings: VotingService,
    private readonly committee: CommitteeAccess,
    private readonly councils: CouncilWriter,
    private readonly registrations: RegistrationLimit,
  ) {}

  @Post('councils/:councilId/votings')
  @Access('write')
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: '{ votingId, eventIds, position, status }' })
  async schedule(@Param('councilId', SlugPipe) councilId: string, @Body() body: ScheduleVotingDto, @Req() req: AuthenticatedRequest) {
    const principal = await this.committee.require(req, councilId);
    const council = (await this.councils.currentState(councilId)).council;
    if (!council) throw new NotFoundError('council', councilId);
    const ballots: BallotDefinition[] = body.ballots.map((b) => {
      const taken = new Set(b.candidates.flatMap((c) => (c.candidateId ? [c.candidateId] : [])));
      return {
        key: b.key,
        title: b.title,
        ...(b.curia !== undefined ? { curia: b.curia } : {}),
        seats: b.seats,
        maxMarks: b.maxMarks,
        candidates: b.candidates.map((c) => {
          const candidateId = c.candidateId ?? uniqueId(slugify(c.name, 'candidate'), (id) => taken.has(id));
          taken.add(candidateId);
          return { candidateId, name: c.name };
        }),
      };
    });
    const curiae = [...council.curiae.values()].map((c) => ({ key: c.key, seats: c.seats }));
    return this.votings.schedule(councilId, { ...body, ballots }, curiae, principal, idempotency(req));
  }

  @Get('councils/:councilId/votings')
  @Access('read')
  @ApiOkResponse({ description: 'the council\'s votings with status and turnout' })
  list(@Param('councilId', SlugPipe) councilId: string) {
    return this.votings.list(councilId);
  }

  @Post('votings/:votingId/voters')
  @Access('public')
  @ApiCreatedResponse({ description: '{ voterId, voterToken, status } — the token is shown once' })
  async register(@Param('votingId', SlugPipe) votingId: string, @Body() body: RegisterVoterDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.registrations.take(votingId, req, res);
    return this.votings.register(votingId, body.name, body.contact, idempotency(req));
  }

  @Post('votings/:votingId/voters/:voterId/verification')
  @Access('public')
  @ApiBearerAuth()
  async verify(
    @Param('votingId', SlugPipe) votingId: string,
    @Param('voterId', SlugPipe) voterId: string,
    @Body() body: VerificationDto,
    @Req() req: AuthenticatedRequest,
  ) {
    const principal = await this.committee.require(req, (await this.votings.get(votingId)).councilId);
    return this.votings.verify(votingId, voterId, body.verified, body.note, principal, idempotency(req));
  }

  @Post('votings/:votingId/ballots')
  @Access('voter')
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: '{ receipt }' })
  async cast(@Param('votingId', SlugPipe) votingId: string, @Body() body: Record<string, unknown>, @Req() req: Request) {
    const token = bearerToken(req);
    if (!token) throw unauthorized('A ballot needs the voter token: send "Authorization: Bearer <voterToken>".');
    const key = idempotency(req)?.key;
    const voterId = await this.votings.voterOf(votingId, token);
    if (!voterId) throw unauthorized('The voter token is not registered in this voting.');
    const marks = parseMarks(body);
    // The key is not recorded for a ballot: it only derives the receipt (with the token), see docs/votings.md.
    return this.votings.cast(votingId, voterId, marks, key === undefined ? undefined : { key, voterToken: token });
  }

  @Post('votings/:votingId/close')
  @Access('public')
  @ApiBearerAuth()
  @ApiCreatedResponse({ description: 'status, turnout and results; the council members recorded' })
  async close(@Param('votingId', SlugPipe) votingId: string, @Req() req: AuthenticatedRequest) {
    const principal = await this.committee.require(req, (await this.votings.get(votingId)).councilId);
    return this.votings.close(votingId, 'request', principal, idempotency(req));
  }

  @Get('votings/:votingId')
  @Access('read')
  get(@Param('votingId', SlugPipe) votingId: string) {
    return this.votings.get(votingId);
  }

  @Get('votings/:votingId/bulletin')
  @Access('read')
  @HttpCode(200)
  @ApiOkResponse({ description: 'every ballot with its receipt, in stored order (paged: ?limit=, ?cursor=; ?receipt= finds one)' })
  async bulletin(
    @Param('votingId', SlugPipe) votingId: string,
    @Query('receipt') receipt: string | undefined,
    @Query('limit') limitParam: string | undefined,
    @Query('cursor') cursor: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { entry, ballots } = await this.votings.bulletin(votingId);
    const d = entry.state.definition!;
    const head = { votingId, title: d.title, definition: d.ballots.map((b) => ({ key: b.key, title: b.title, ...(b.curia !== undefined ? { curia: b.curia } : {}), seats: b.seats, maxMarks: b.maxMarks, candidates: b.candidates })) };
    if (receipt !== undefined) {
      const found = ballots.find((b) => b.receipt === receipt);
      if (!found) throw new ProblemException(problem(404, 'unknown-receipt', 'Unknown receipt', `No ballot in the bulletin has the receipt ${JSON.stringify(receipt.slice(0, 100))}.`));
      return { votingId, ballot: found };
    }
    const limit = limitParam === undefined ? BULLETIN_PAGE : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 1 || limit > BULLETIN_PAGE) {
      throw new ProblemException(problem(400, 'invalid-limit', 'Invalid limit', `limit must be an integer from 1 to ${BULLETIN_PAGE}.`));
    }
    const offset = cursor === undefined ? 0 : decodeCursor(cursor, ballots.length);
    const page = ballots.slice(offset, offset + limit);
    if (offset + limit < ballots.length) {
      const next = Buffer.from(`bulletin:${offset + limit}`).toString('base64url');
      res.setHeader('Link', `<${req.baseUrl}${req.path}?limit=${limit}&cursor=${next}>; rel="next"`);
    }
    return { ...head, total: ballots.length, offset, ballots: page };
  }
}

/** The request's Idempotency-Key (400 when malformed or of the service's form) with the hash of method, path and body. */
function idempotency(req: Request): IdempotentRequest | undefined {
  const key = idempotencyKeyOf(req.headers);
  if (key === undefined) return undefined;
  return { key, requestHash: hashRequest(req.method, req.originalUrl.split('?')[0], req.body ?? {}) };
}

function decodeCursor(cursor: string, total: number): number {
  const match = /^bulletin:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(offset) || offset > total) throw new ProblemException(problem(400, 'invalid-cursor', 'Invalid cursor', 'The cursor is malformed or does not belong to this bulletin.'));
  return offset;
}
