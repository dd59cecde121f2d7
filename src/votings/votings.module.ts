import { Module } from '@nestjs/common';
import { CouncilModule } from '../council/council.module';
import { CouncilRecorder } from './application/council-recorder';
import { VotingService } from './application/voting-service';
import { COUNCIL_RECORDER } from './application/result-recorder';
import { CommitteeAccess } from './http/committee-access';
import { VotingsController } from './http/votings.controller';
import { RegistrationLimit } from './http/registration-limit';

/** Running elections on the platform: votings with voters, secret ballots in batches, counting, recording. */
@Module({
  imports: [CouncilModule],
  controllers: [VotingsController],
  providers: [VotingService, { provide: COUNCIL_RECORDER, useClass: CouncilRecorder }, CommitteeAccess, RegistrationLimit],
  exports: [VotingService],
})
export class VotingsModule {}
