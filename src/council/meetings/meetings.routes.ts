import { singleStep } from '../application/fact-plan';
import { factRoute } from '../http/fact-route';
import { RecordMeetingDto, toRecordMeeting } from './record-meeting.dto';

export const recordMeetingRoute = factRoute({
  path: '/meetings',
  dto: RecordMeetingDto,
  access: 'write',
  plan: (body) => singleStep(toRecordMeeting(body)),
});

export const meetingRoutes = [recordMeetingRoute];
