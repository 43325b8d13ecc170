import { calendarDate } from '../shared/calendar';
import { requiredText } from '../shared/text';

export const dealTitle = (value: string): string => requiredText(value, 'title', 200);

export const expectedCloseDate = (value: string): string => calendarDate(value, 'expectedCloseDate');
