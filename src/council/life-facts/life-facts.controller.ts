import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { DescribeCouncilDto, FormCouncilBodyDto, RecordMemberStatusDto, RecordMembersStatementDto } from './life-facts.dto';
import { councilBodyRoute, describeCouncilRoute, memberStatusRoute, membersStatementRoute } from './life-facts.routes';

/** Issue 25: a member's status, what the council was, its bodies, statements by part of its members. */
@ApiTags('council life')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId')
export class LifeFactsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post('members/:memberId/statuses')
  @Access('write')
  @ApiCreatedResponse({ description: '{ memberId, status, eventIds, position }' })
  status(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('memberId', SlugPipe) memberId: string,
    @Body() body: RecordMemberStatusDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(memberStatusRoute, councilId, { memberId }, body, req);
  }

  @Post('description')
  @Access('write')
  @ApiCreatedResponse({ description: '{ councilId, eventIds, position }' })
  describe(@Param('councilId', SlugPipe) councilId: string, @Body() body: DescribeCouncilDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(describeCouncilRoute, councilId, {}, body, req);
  }

  @Post('bodies')
  @Access('write')
  @ApiCreatedResponse({ description: '{ bodyId, eventIds, position }' })
  body(@Param('councilId', SlugPipe) councilId: string, @Body() body: FormCouncilBodyDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(councilBodyRoute, councilId, {}, body, req);
  }

  @Post('statements')
  @Access('write')
  @ApiCreatedResponse({ description: '{ statementId, eventIds, position }' })
  statement(@Param('councilId', SlugPipe) councilId: string, @Body() body: RecordMembersStatementDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(membersStatementRoute, councilId, {}, body, req);
  }
}
