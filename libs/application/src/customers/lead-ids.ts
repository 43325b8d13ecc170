import { Inject, Injectable } from '@nestjs/common';
import { comparableContactPoint, type ContactPoint } from '@ledgerline/domain';
import { EVENT_STORE, type EventStore } from '@ledgerline/event-store';
import { createHmac, randomBytes } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { writeOnce } from '../records/write-once';

/** Holds the key lead ids are derived with: made once per installation by whichever process needs it first. */
export const LEAD_ID_KEY_STREAM = 'lead-id-key';
export const LEAD_ID_KEY_CREATED = 'LeadIdKeyCreated';

const LEAD_NAMESPACE = '2f6d8b3a-7c41-4e95-b0d2-5a9e3c7f1b68';

/**
 * The customer id a lead captured from an e-mail address or a phone number gets: derived from it, so that two
 * messages about one new person register one lead however close together they come. The derivation is keyed
 * (HMAC with a random key kept in the event store), so the id, which is a Kafka key and appears in logs, tells
 * nothing about the address to anyone without the store: a plain hash of an e-mail can be reversed by guessing.
 */
@Injectable()
export class LeadIds {
  private key: Promise<Buffer> | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(contact: ContactPoint): Promise<string> {
    const key = await (this.key ??= this.loadKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    }));
    const digest = createHmac('sha256', key)
      .update(`${contact.kind}\n${comparableContactPoint(contact)}`)
      .digest('hex');
    return uuidv5(digest, LEAD_NAMESPACE);
  }

  private async loadKey(): Promise<Buffer> {
    const stored = await this.storedKey();
    if (stored) return stored;
    // Another process may make it first: its key is the one.
    await writeOnce(this.store, LEAD_ID_KEY_STREAM, LEAD_ID_KEY_CREATED, { key: randomBytes(32).toString('base64') });
    return (await this.storedKey()) as Buffer;
  }

  private async storedKey(): Promise<Buffer | undefined> {
    const [created] = await this.store.readStream(LEAD_ID_KEY_STREAM, { maxCount: 1 });
    return created && Buffer.from((created.data as { key: string }).key, 'base64');
  }
}
