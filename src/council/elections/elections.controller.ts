import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { RecordElectionDto } from './election.dto';
import { recordElectionRoute } from './elections.routes';

@ApiTags('elections')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/elections')
export class ElectionsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @ApiCreatedResponse({ description: '{ electionId, eventIds, position }' })
  record(@Param('councilId', SlugPipe) councilId: string, @Body() body: RecordElectionDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(recordElectionRoute, councilId, {}, body, req);
  }
}
