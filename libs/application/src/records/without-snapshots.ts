/** A command minus what the handler reads of other records (the customer, pipeline or deal it names). */
export type WithoutSnapshots<C> = C extends { type: infer T; data: infer D }
  ? { type: T; data: Omit<D, 'customer' | 'pipeline' | 'deal'> }
  : never;
