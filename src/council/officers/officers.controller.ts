import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { AppointOfficerDto, EndOfficerTermDto } from './officer.dto';
import { appointOfficerRoute, endOfficerTermRoute } from './officers.routes';

@ApiTags('officers')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/officers')
export class OfficersController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @ApiCreatedResponse({ description: '{ role, memberId?, name, eventIds, position }' })
  appoint(@Param('councilId', SlugPipe) councilId: string, @Body() body: AppointOfficerDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(appointOfficerRoute, councilId, {}, body, req);
  }

  @Post(':role/end')
  @Access('write')
  @ApiCreatedResponse({ description: '{ role, eventIds, position }' })
  end(
    @Param('councilId', SlugPipe) councilId: string,
    @Param('role', SlugPipe) role: string,
    @Body() body: EndOfficerTermDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.write.route(endOfficerTermRoute, councilId, { role }, body, req);
  }
}
