/**
 * Lists a record's event type names. Typed as a record of every name so that the compiler refuses
 * a list that forgets an event type or names one that does not exist.
 */
export const eventTypeNames = <Type extends string>(names: Readonly<Record<Type, true>>): readonly Type[] =>
  Object.freeze(Object.keys(names) as Type[]);
