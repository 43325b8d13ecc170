/**
 * comparableContactPoint (libs/domain/src/shared/contact-point.ts) of the `phone` column, in SQL: the digits and a
 * leading +. The index on it and the lookup must use this exact expression.
 */
export const COMPARABLE_PHONE = `(CASE WHEN left(btrim(phone), 1) = '+' THEN '+' ELSE '' END || regexp_replace(phone, '\\D', '', 'g'))`;
