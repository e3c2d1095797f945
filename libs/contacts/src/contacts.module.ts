import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { LiveModule } from '@app/live';
import { ContactFactsReader } from './contact-facts';
import { ContactRecorder } from './contact-recorder';
import { ContactSections } from './contact-sections';
import { ContactSubmissions } from './contact-submissions';
import { ContactTimeliness } from './contact-timeliness';
import { ChildrenController } from './children.controller';
import { ContactsController } from './contacts.controller';
import { NotesController } from './notes.controller';
import { NotesSection } from './notes-section';
import { ContactCount } from './demo/contact-count';
import { ScreeningTransitions } from './screening-transitions';
import { ChildEntity } from './entities/child.entity';
import { ContactEntity } from './entities/contact.entity';
import { ContactRagChangeEntity } from './entities/contact-rag-change.entity';
import { ScreeningQueue } from './screening-queue';
import { AddContactNote } from './use-cases/add-contact-note';
import { ChangeRag } from './use-cases/change-rag';
import { ClaimContact } from './use-cases/claim-contact';
import { CreateContact } from './use-cases/create-contact';
import { ReleaseContact } from './use-cases/release-contact';
import { ListContacts } from './use-cases/list-contacts';
import { ViewContact } from './use-cases/view-contact';
import { SearchChildren } from './use-cases/search-children';
import { UpdateChild } from './use-cases/update-child';
import { MergeChild } from './use-cases/merge-child';
import { UnmergeChild } from './use-cases/unmerge-child';
import { ChildRowOwners, childRowsProvider } from './child-rows';
import { contactChildRows } from './child-merges.repository';
import { ViewChild } from './use-cases/view-child';

@Module({
  imports: [
    TypeOrmModule.forFeature([ChildEntity, ContactEntity, ContactRagChangeEntity]),
    AuthModule,
    LiveModule,
  ],
  controllers: [ContactsController, ChildrenController, NotesController],
  providers: [
    CreateContact,
    ViewContact,
    SearchChildren,
    ViewChild,
    UpdateChild,
    MergeChild,
    UnmergeChild,
    ChildRowOwners,
    childRowsProvider('contacts', contactChildRows),
    ListContacts,
    ClaimContact,
    ReleaseContact,
    ChangeRag,
    ScreeningQueue,
    ContactSections,
    AddContactNote,
    NotesSection,
    ScreeningTransitions,
    ContactTimeliness,
    ContactRecorder,
    ContactSubmissions,
    ContactCount,
    ContactFactsReader,
  ],
  exports: [
    ContactSections,
    ScreeningTransitions,
    ContactRecorder,
    ContactCount,
    ChildRowOwners,
    ContactFactsReader,
  ],
})
export class ContactsModule {}
