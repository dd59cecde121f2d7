import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { CastVoteDto, DecideMotionDto, TableMotionDto } from './motion.dto';
import { RollCallDto } from './roll-call.dto';
import { castVoteRoute, decideMotionRoute, rollCallRoute, tableMotionRoute } from './motions.routes';

@ApiTags('motions and votes')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/motions')
export class MotionsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @ApiCreatedResponse({ description: '{ motionId, eventIds, position }' })
  table(@Param('councilId', SlugPipe) councilId: string, @Body() body: TableMotionDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(tableMotionRoute, councilId, {}, body, req);
  }

  @Post(':motionId/votes')
  @Access('write')
  @ApiCreatedResponse({ description: '{ motionId, memberId, choice, eventIds, position }' })
  vote(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('motionId', SlugPipe) motionId: string,
    @Body() body: CastVoteDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(castVoteRoute, councilId, { motionId }, body, req);
  }

  @Post(':motionId/result')
  @Access('write')
  @ApiCreatedResponse({ description: '{ outcome, yes, no, abstain, required } or { outcome, winner, counts, required }, with eventIds and position' })
  decide(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('motionId', SlugPipe) motionId: string,
    @Body() body: DecideMotionDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(decideMotionRoute, councilId, { motionId }, body, req);
  }

  @Post(':motionId/roll-call')
  @Access('write')
  @ApiCreatedResponse({ description: '{ motionId, votes: [{ memberId, choice }], result?, eventIds, position }: every vote and the result in one append' })
  rollCall(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('motionId', SlugPipe) motionId: string,
    @Body() body: RollCallDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(rollCallRoute, councilId, { motionId }, body, req);
  }
}
