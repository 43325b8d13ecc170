import { calendarDate, instant } from '../shared/calendar';
import { oneOf } from '../shared/choice';
import { requiredText } from '../shared/text';
import { CHANNELS, DIRECTIONS, type Channel, type Direction } from './interaction.events';

export const channel = (value: Channel): Channel => oneOf(value, CHANNELS, 'channel');

export const direction = (value: Direction): Direction => oneOf(value, DIRECTIONS, 'direction');

export const occurredAt = (value: string): string => instant(value, 'occurredAt');

export const subject = (value: string): string => requiredText(value, 'subject', 200);

/** Room for a pasted e-mail or meeting notes. */
export const summary = (value: string): string => requiredText(value, 'summary', 10_000);

export const outcome = (value: string): string => requiredText(value, 'outcome', 200);

export const followUpDueDate = (value: string): string => calendarDate(value, 'followUpDueDate');
