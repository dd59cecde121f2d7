import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { FoundCouncilDto, toFoundCouncil } from './found-council.dto';
import { councilIdFromName } from '../domain/names';
import { DissolveCouncilDto } from './dissolve-council.dto';
import { classifyCouncilRoute, dissolveCouncilRoute } from './councils.routes';
import { CouncilPlacementDto } from './classify-council.dto';

/** The council a founding request will create: its `councilId`, or the id derived from its name. */
function foundedCouncilId(body: Record<string, unknown>): string | undefined {
  if (typeof body.councilId === 'string') return body.councilId;
  return typeof body.name === 'string' ? councilIdFromName(body.name) : undefined;
}

@ApiTags('councils')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils')
export class CouncilsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write', { councilOfBody: foundedCouncilId })
  @ApiCreatedResponse({ description: '{ councilId, eventIds, position }' })
  found(@Body() body: FoundCouncilDto, @Req() req: AuthenticatedRequest) {
    const councilId = body.councilId ?? councilIdFromName(body.name);
    return this.write.send(councilId, toFoundCouncil(body, councilId), body, req);
  }

  @Post(':councilId/dissolution')
  @Access('write')
  @ApiCreatedResponse({ description: '{ councilId, dissolvedOn, eventIds, position }' })
  dissolve(@Param('councilId', SlugPipe) councilId: string, @Body() body: DissolveCouncilDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(dissolveCouncilRoute, councilId, {}, body, req);
  }

  @Post(':councilId/classification')
  @Access('write')
  @ApiCreatedResponse({ description: '{ councilId, type?, level?, parentCouncilId?, eventIds, position }' })
  classify(@Param('councilId', SlugPipe) councilId: string, @Body() body: CouncilPlacementDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(classifyCouncilRoute, councilId, {}, body, req);
  }
}
