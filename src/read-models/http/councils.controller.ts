import { Controller, Get, Param, Query, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CouncilReads } from '../council-reads';
import { MinPositionInterceptor } from './min-position.interceptor';
import { ReadQueryDto } from './read-query.dto';

@ApiTags('councils')
@Controller('councils')
@UseInterceptors(MinPositionInterceptor)
export class CouncilsReadController {
  constructor(private readonly reads: CouncilReads) {}

  @Get()
  @ApiOperation({ summary: 'Every council in the record.' })
  @ApiOkResponse({ description: '[{ councilId, name, foundedOn, dissolvedOn, seats, curiae, rules, election }]' })
  list(@Query() _query: ReadQueryDto) {
    return this.reads.councilList();
  }

  @Get(':councilId')
  @ApiOperation({ summary: 'A council now: its founding facts and its state today.' })
  @ApiOkResponse({ description: 'council fields plus status, memberCount, uncertainMemberCount, officers, meetingsHeld, quorumFailures, lastMeeting' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  summary(@Param('councilId') councilId: string, @Query() _query: ReadQueryDto) {
    return this.reads.councilSummary(councilId);
  }
}
