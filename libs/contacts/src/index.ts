export * from './contacts.module';
export * from './contact-sections';
export * from './screening-transitions';
export * from './entities/contact.entity';
