import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { AffiliateMemberDto, FoundGroupDto } from './group.dto';
import { affiliateMemberRoute, foundGroupRoute } from './groups.routes';

/** Political groups over time: the groups themselves, and which group each member sat for when. */
@ApiTags('political groups')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId')
export class GroupsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post('groups')
  @Access('write')
  @ApiCreatedResponse({ description: '{ groupId, eventIds, position }' })
  found(@Param('councilId', SlugPipe) councilId: string, @Body() body: FoundGroupDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(foundGroupRoute, councilId, {}, body, req);
  }

  @Post('members/:memberId/affiliations')
  @Access('write')
  @ApiCreatedResponse({ description: '{ memberId, groupId, eventIds, position }' })
  affiliate(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('memberId', SlugPipe) memberId: string,
    @Body() body: AffiliateMemberDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(affiliateMemberRoute, councilId, { memberId }, body, req);
  }
}
