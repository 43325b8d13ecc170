/** A way to reach a person that identifies them well enough to match messages to a customer. */
export type ContactPoint = Readonly<{ kind: 'email' | 'phone'; value: string }>;

/**
 * How two contact points compare: an e-mail address lower-cased (as the domain stores it), a phone number by its
 * digits and a leading +, so "+49 30 1234567" and "+49 (30) 123-4567" are one number.
 */
export const comparableContactPoint = ({ kind, value }: ContactPoint): string => {
  const trimmed = value.trim();
  return kind === 'email' ? trimmed.toLowerCase() : `${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`;
};
