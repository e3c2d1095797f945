export * from './contacts.module';
export * from './contact-sections';
export * from './screening-transitions';
export * from './entities/contact.entity';
export * from './contact-recorder';
export { matchOrCreateChild } from './child-matching';
export { asOfIn, historyCounts, type AsOf } from './contact-reader';
export { childMatchKey, normaliseName } from './policy/child-match';
export type { ChildInputDto } from './dto/create-contact.dto';
