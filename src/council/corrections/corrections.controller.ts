import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { CouncilWriter } from '../application/council-writer';
import { CouncilWrite, baseOf } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { NotFoundError } from '../domain/errors';
import { CorrectionDto } from './correction.dto';
import { parseReplacement } from './replacement';

@ApiTags('corrections')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/corrections')
export class CorrectionsController {
  constructor(
    private readonly write: CouncilWrite,
    private readonly writer: CouncilWriter,
  ) {}

  @Post()
  @Access('correction')
  @ApiCreatedResponse({ description: '{ correctedEventId, action, eventIds, position }' })
  async correct(@Param('councilId', SlugPipe) councilId: string, @Body() body: CorrectionDto, @Req() req: AuthenticatedRequest) {
    let replacement;
    if (body.action === 'replace') {
      if (!body.replacement) {
        throw new ProblemException(
          problem(400, 'validation', 'Invalid request', 'replacement: a replace correction needs the replacement body', {
            errors: [{ field: 'replacement', message: 'required when action is replace' }],
          }),
        );
      }
      const state = await this.writer.currentState(councilId);
      if (!state.council) throw new NotFoundError('council', councilId);
      const original = state.facts.get(body.eventId);
      if (!original) throw new NotFoundError('event', body.eventId);
      replacement = parseReplacement(original.type, original.data as unknown as Record<string, unknown>, body.replacement);
    } else if (body.replacement !== undefined) {
      throw new ProblemException(
        problem(400, 'validation', 'Invalid request', 'replacement: a retraction takes no replacement', {
          errors: [{ field: 'replacement', message: 'only allowed when action is replace' }],
        }),
      );
    }
    return this.write.send(
      councilId,
      { kind: 'CorrectFact', ...baseOf(body), eventId: body.eventId, action: body.action, replacement, reason: body.reason },
      body,
      req,
    );
  }
}
