import { requiredText } from './text';

const MAX_LENGTH = 200;

/** Who is responsible: a user id or principal name from the identity provider, kept as given. */
export const owner = (value: string, field = 'owner'): string => requiredText(value, field, MAX_LENGTH);
