import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RagRating } from '@app/core';
import type { ConsentStatus, ContactStatus } from './entities/contact.entity';

// what another module needs to know of a contact to act on it (issue 18: information sharing
// asks partners about the contact's child), and what a partner may be shown of its child: the
// child's and household's names, dates of birth and address, never the concerns
export interface ContactFacts {
  id: string;
  reference: string;
  status: ContactStatus;
  rag: RagRating;
  claimedBy: string | null;
  consentStatus: ConsentStatus;
  childId: string;
}

export interface SharedPerson {
  firstName: string;
  lastName: string;
  dateOfBirth?: string;
}

export interface SharedChild extends SharedPerson {
  address?: string;
  postcode?: string;
  household: SharedPerson[];
}

const HOUSEHOLD_SHOWN = 20;

@Injectable()
export class ContactFactsReader {
  // `hold`: the row is held (FOR SHARE) to the end of the caller's transaction, so a decision on
  // the contact (which takes it FOR NO KEY UPDATE, see contactForDecision) waits for what the
  // caller adds to it and then counts it, or the caller waits and finds the contact decided
  async facts(
    manager: EntityManager,
    contactId: string,
    hold: 'hold' | 'read' = 'read',
  ): Promise<ContactFacts | undefined> {
    const rows = (await manager.query(
      `select id, reference, status, rag, claimed_by, consent_status, child_id from contact where id = $1
       ${hold === 'hold' ? 'for share' : ''}`,
      [contactId],
    )) as {
      id: string;
      reference: string;
      status: ContactStatus;
      rag: RagRating;
      claimed_by: string | null;
      consent_status: ConsentStatus;
      child_id: string;
    }[];
    const r = rows[0];
    return r
      ? {
          id: r.id,
          reference: r.reference,
          status: r.status,
          rag: r.rag,
          claimedBy: r.claimed_by,
          consentStatus: r.consent_status,
          childId: r.child_id,
        }
      : undefined;
  }

  // the contact's child and the other children of its household, as a partner is shown them
  async sharedChild(manager: EntityManager, contactId: string): Promise<SharedChild | undefined> {
    const rows = (await manager.query(
      `select ch.id, ch.first_name, ch.last_name, to_char(ch.date_of_birth, 'YYYY-MM-DD') as date_of_birth,
              ch.address, ch.postcode, (ch.id = c.child_id) as is_child
         from contact c
         join child ch on ch.id = c.child_id
                       or ch.id in (select o.child_id from contact o where o.household_id = c.household_id)
        where c.id = $1
        order by (ch.id = c.child_id) desc, ch.last_name, ch.first_name, ch.id
        limit $2`,
      [contactId, HOUSEHOLD_SHOWN + 1],
    )) as {
      id: string;
      first_name: string;
      last_name: string;
      date_of_birth: string | null;
      address: string | null;
      postcode: string | null;
      is_child: boolean;
    }[];
    const [child, ...others] = rows;
    if (!child?.is_child) return undefined;
    const person = (r: (typeof rows)[number]): SharedPerson => ({
      firstName: r.first_name,
      lastName: r.last_name,
      ...(r.date_of_birth ? { dateOfBirth: r.date_of_birth } : {}),
    });
    return {
      ...person(child),
      ...(child.address ? { address: child.address } : {}),
      ...(child.postcode ? { postcode: child.postcode } : {}),
      household: others.filter((o) => o.id !== child.id).map(person),
    };
  }
}
