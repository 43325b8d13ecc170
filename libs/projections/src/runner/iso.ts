/** A timestamp as the API shows it: PostgreSQL hands out Dates, event data holds strings; null stays null. */
export function iso(value: string | Date): string;
export function iso(value: string | Date | null): string | null;
export function iso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
