import { country } from './country';
import { TextRequired, optionalText, requiredText } from './text';

/** A postal address: city and country always; street, region and postcode where the country has them. */
export type PostalAddress = Readonly<{
  street: string | null;
  city: string;
  region: string | null;
  postcode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}>;

export type PostalAddressInput = Readonly<{
  street?: string | null;
  city: string;
  region?: string | null;
  postcode?: string | null;
  country: string;
}>;

/** `field` names the address in errors: `addresses.billing.city must not be empty.` */
export const postalAddress = (input: PostalAddressInput, field: string): PostalAddress => {
  // Commands built from JSON may carry anything here.
  if (typeof input !== 'object' || input === null) throw new TextRequired(`${field}.city`);
  return {
    // Several lines are one text: the post reads them in the order given.
    street: optionalText(input.street, `${field}.street`, 300),
    city: requiredText(input.city, `${field}.city`, 100),
    region: optionalText(input.region, `${field}.region`, 100),
    postcode: optionalText(input.postcode, `${field}.postcode`, 20),
    country: country(input.country),
  };
};

export const sameAddress = (a: PostalAddress, b: PostalAddress): boolean =>
  a.street === b.street && a.city === b.city && a.region === b.region && a.postcode === b.postcode && a.country === b.country;
