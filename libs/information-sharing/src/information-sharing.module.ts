import { Module } from '@nestjs/common';
import { ContactsModule } from '@app/contacts';
import { DomesticAbuseModule } from '@app/domestic-abuse';
import { LiveModule } from '@app/live';
import { InformationAsker } from './information-asker';
import { InformationRequestQueue } from './information-request-queue';
import { InformationRequestsController } from './information-requests.controller';
import { InformationSection } from './information-section';
import { OpenInformationRequests } from './open-information-requests';
import { RequestTimescales } from './request-timescales';
import { AnswerInformationRequest } from './use-cases/answer-information-request';
import { ChaseInformationRequest } from './use-cases/chase-information-request';
import { DeclineInformationRequest } from './use-cases/decline-information-request';
import { ListAskableAgencies } from './use-cases/list-askable-agencies';
import { RequestInformation } from './use-cases/request-information';
import { RequestInformationForNotification } from './use-cases/request-information-for-notification';
import { ViewInformationRequest } from './use-cases/view-information-request';

// issue 18 (decision 0029): multi-agency information sharing, over contacts and domestic abuse
@Module({
  imports: [LiveModule, ContactsModule, DomesticAbuseModule],
  controllers: [InformationRequestsController],
  providers: [
    RequestTimescales,
    InformationRequestQueue,
    InformationAsker,
    RequestInformation,
    RequestInformationForNotification,
    ViewInformationRequest,
    AnswerInformationRequest,
    DeclineInformationRequest,
    ChaseInformationRequest,
    InformationSection,
    OpenInformationRequests,
    ListAskableAgencies,
  ],
  // a threshold decision asks whether requests are open
  exports: [OpenInformationRequests],
})
export class InformationSharingModule {}
