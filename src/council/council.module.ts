import { Module } from '@nestjs/common';
import { CouncilWriter } from './application/council-writer';
import { RecordCouncilBatchHandler, RecordCouncilFactHandler } from './application/record-fact.command';
import { CouncilWrite } from './http/council-write';
import { CouncilsController } from './found-council/councils.controller';
import { MembersController } from './members/members.controller';
import { OfficersController } from './officers/officers.controller';
import { WorkingGroupsController } from './working-groups/working-groups.controller';
import { MeetingsController } from './meetings/meetings.controller';
import { MotionsController } from './motions/motions.controller';
import { CorrectionsController } from './corrections/corrections.controller';
import { GroupsController } from './groups/groups.controller';
import { ElectionsController } from './elections/elections.controller';
import { BatchController } from './batch/batch.controller';
import { LifeFactsController } from './life-facts/life-facts.controller';

/** The write side: one controller per capability, all writes through one command handler. */
@Module({
  controllers: [
    CouncilsController,
    MembersController,
    ElectionsController,
    OfficersController,
    WorkingGroupsController,
    MeetingsController,
    MotionsController,
    CorrectionsController,
    GroupsController,
    LifeFactsController,
    BatchController,
  ],
  providers: [CouncilWriter, RecordCouncilFactHandler, RecordCouncilBatchHandler, CouncilWrite],
  exports: [CouncilWriter],
})
export class CouncilModule {}
