import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

// tests replace it: moduleBuilder.overrideProvider(Clock).useValue(new SettableClock(...))
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
