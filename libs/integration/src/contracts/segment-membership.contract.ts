import { v5 as uuidv5 } from 'uuid';
import { CLOUD_EVENT_SOURCE, type IntegrationMessage } from './cloud-event';

export const SEGMENT_TOPIC = 'crm.segment.v1';

/** Fixed namespace of the ids of membership messages: the same stay always yields the same message ids. */
const MEMBERSHIP_MESSAGE_NAMESPACE = '3f1d9a52-6c0e-4b7a-9d8e-2a5c4b3e1f70';

/** A stay of a customer in a segment, as crm.segment_memberships holds it, with the number of its last change. */
export type MembershipChange = Readonly<{
  segmentId: string;
  customerId: string;
  enteredAt: Date;
  leftAt: Date | null;
  changeSeq: string;
}>;

const message = (change: MembershipChange, kind: 'entered' | 'left', at: Date): IntegrationMessage => {
  const enteredAt = change.enteredAt.toISOString();
  return {
    topic: SEGMENT_TOPIC,
    key: change.segmentId,
    value: {
      specversion: '1.0',
      id: uuidv5(`${change.segmentId}/${change.customerId}/${enteredAt}/${kind}`, MEMBERSHIP_MESSAGE_NAMESPACE),
      source: CLOUD_EVENT_SOURCE,
      type: `crm.segment.member-${kind}.v1`,
      subject: change.segmentId,
      time: at.toISOString(),
      datacontenttype: 'application/json',
      data: {
        segmentId: change.segmentId,
        customerId: change.customerId,
        enteredAt,
        ...(kind === 'left' ? { leftAt: at.toISOString() } : {}),
      },
    },
    headers: { 'ledgerline-membership-change': change.changeSeq },
  };
};

/**
 * The public messages of a stay: "entered", and "left" once it ended. A stay that is read again (its end after its
 * start, or after a restart) yields the same ids again: consumers deduplicate by them, as for every topic.
 */
export const membershipMessages = (change: MembershipChange): IntegrationMessage[] => [
  message(change, 'entered', change.enteredAt),
  ...(change.leftAt === null ? [] : [message(change, 'left', change.leftAt)]),
];
