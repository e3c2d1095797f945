import { Logger } from '@nestjs/common';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { dedicatedClient } from './dedicated-client';

export interface ListenerHandlers {
  // each NOTIFY on the channel, with its payload
  notified(payload: string): void;
  // listening (again): anything sent while we were not is lost, so catch up
  listening(): void;
  // the connection is gone (a retry follows in a second)
  lost?(): void;
}

// a LISTEN on a connection of its own that is replaced whenever it dies: the live dispatcher's
// new events and the session registry's ended sessions both ride on one of these
export class Listener {
  private readonly logger: Logger;
  private client?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly applicationName: string,
    private readonly channel: string,
    private readonly handlers: ListenerHandlers,
  ) {
    this.logger = new Logger(`Listener ${channel}`);
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const client = dedicatedClient(this.dataSource, this.applicationName);
    const retry = () => {
      if (this.stopped || this.client !== client) return;
      this.client = undefined;
      this.handlers.lost?.();
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.start(), 1000);
      this.reconnectTimer.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (message) => this.handlers.notified(message.payload ?? ''));
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
      this.handlers.listening();
    } catch (error) {
      this.logger.warn(
        `LISTEN connection failed, retrying: ${error instanceof Error ? error.message : String(error)}`,
      );
      retry();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }
}
