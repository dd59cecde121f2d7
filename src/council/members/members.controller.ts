import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { ElectMemberDto } from './elect-member.dto';
import { RecordDepartureDto } from './record-departure.dto';
import { electMemberRoute, recordDepartureRoute } from './members.routes';

@ApiTags('members')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/members')
export class MembersController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @ApiCreatedResponse({ description: '{ memberId, eventIds, position }' })
  elect(@Param('councilId', SlugPipe) councilId: string, @Body() body: ElectMemberDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(electMemberRoute, councilId, {}, body, req);
  }

  @Post(':memberId/departure')
  @Access('write')
  @ApiCreatedResponse({ description: '{ memberId, eventIds, position }' })
  depart(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('memberId', SlugPipe) memberId: string,
    @Body() body: RecordDepartureDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(recordDepartureRoute, councilId, { memberId }, body, req);
  }
}
