import { Body, Controller, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { AuthenticatedRequest } from '../../auth/auth.guard';
import { CouncilWrite } from '../http/council-write';
import { SlugPipe } from '../http/slug.pipe';
import { RecordMeetingDto } from './record-meeting.dto';
import { recordMeetingRoute } from './meetings.routes';

@ApiTags('meetings')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('councils/:councilId/meetings')
export class MeetingsController {
  constructor(private readonly write: CouncilWrite) {}

  @Post()
  @Access('write')
  @ApiCreatedResponse({ description: '{ meetingId, outcome, present, membership, quorum, eventIds, position }' })
  record(@Param('councilId', SlugPipe) councilId: string, @Body() body: RecordMeetingDto, @Req() req: AuthenticatedRequest) {
    return this.write.route(recordMeetingRoute, councilId, {}, body, req);
  }
}
