import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { QueueRegistry } from './queue-registry';
import { QueuesController } from './queues.controller';
import { QueuesService } from './queues.service';

// queues now; the socket.io gateway and the escalation ticker join here
@Global()
@Module({
  imports: [AuditModule],
  controllers: [QueuesController],
  providers: [QueueRegistry, QueuesService],
  exports: [QueueRegistry],
})
export class LiveModule {}
