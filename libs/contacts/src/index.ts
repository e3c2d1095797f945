export * from './contacts.module';
export * from './contact-sections';
export * from './screening-transitions';
export * from './entities/contact.entity';
export * from './contact-recorder';
export { matchOrCreateChild } from './child-matching';
export { historyCounts } from './contact-reader';
export { childMatchKey, normaliseName } from './policy/child-match';
export type { ChildInputDto } from './dto/create-contact.dto';
