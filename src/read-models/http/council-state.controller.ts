import { Controller, Get, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CouncilReads } from '../council-reads';
import { MinPositionInterceptor } from './min-position.interceptor';
import { MembersQueryDto, StateQueryDto } from './read-query.dto';
import { sendPage } from './page';
import type { Request, Response } from 'express';

@ApiTags('reading state over time')
@Controller('councils/:councilId')
@UseInterceptors(MinPositionInterceptor)
export class CouncilStateController {
  constructor(private readonly reads: CouncilReads) {}

  @Get('state')
  @ApiOperation({ summary: 'The council on a day (`at`), as the record stood at `knownAt`.' })
  @ApiOkResponse({ description: 'status, members certainly in office, uncertain members, officers, meeting counts, last meeting.' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  state(@Param('councilId') councilId: string, @Query() query: StateQueryDto) {
    return this.reads.state(councilId, query.at, query);
  }

  @Get('members')
  @ApiOperation({ summary: 'Members in office on `at` (with the undecidable ones apart); without `at`, every member with their term.' })
  @ApiOkResponse({ description: '{ councilId, at, memberCount, members, uncertainMembers } or { councilId, members }. The members array pages: ?limit=&cursor=, Link rel="next".' })
  @ApiNotFoundResponse({ description: 'Unknown council.' })
  members(@Param('councilId') councilId: string, @Query() query: MembersQueryDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    // The object keeps its shape; its `members` array is what pages.
    const [body] = sendPage(req, res, this.reads.members(councilId, query.at, query, query), (c) => this.reads.encodeCursor(c));
    return body;
  }
}
