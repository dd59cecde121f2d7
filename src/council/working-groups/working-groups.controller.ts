import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { FormWorkingGroupDto } from './working-group.dto';
import { formWorkingGroupRoute } from './working-groups.routes';

@ApiTags('working groups')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/working-groups')
export class WorkingGroupsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @ApiCreatedResponse({ description: '{ workingGroupId, eventIds, position }' })
  form(@Param('councilId', SlugPipe) councilId: string, @Body() body: FormWorkingGroupDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(formWorkingGroupRoute, councilId, {}, body, req);
  }
}
