export * from './contacts.module';
export * from './contact-sections';
export * from './screening-transitions';
export * from './entities/contact.entity';
export * from './contact-recorder';
export { matchOrCreateChild } from './child-matching';
export { ChildRowOwners, childRowsOf, childRowsProvider, type ChildRows } from './child-rows';
export { asOfIn, childHistory, historyCounts, type AsOf } from './contact-reader';
export { HistoryDto } from './dto/contact-response.dto';
export { childMatchKey, normaliseName } from './policy/child-match';
export { CreateContactDto, type ChildInputDto } from './dto/create-contact.dto';
export { canActOnClaim, isOpenForScreening, overridesClaims } from './policy/screening-rules';
// the intake and claim use cases, for the demo caseload npm start seeds (apps/api/src/demo-caseload.ts)
export { CreateContact } from './use-cases/create-contact';
export { ClaimContact } from './use-cases/claim-contact';
export { ContactCount } from './demo/contact-count';
export { ContactFactsReader, type ContactFacts, type SharedChild, type SharedPerson } from './contact-facts';
