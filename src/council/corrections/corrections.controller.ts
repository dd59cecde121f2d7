import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { CorrectionDto } from './correction.dto';
import { correctionRoute } from './corrections.routes';

@ApiTags('corrections')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/corrections')
export class CorrectionsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('correction')
  @ApiCreatedResponse({ description: '{ correctedEventId, action, eventIds, position }' })
  correct(@Param('councilId', SlugPipe) councilId: string, @Body() body: CorrectionDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(correctionRoute, councilId, {}, body, req);
  }
}
