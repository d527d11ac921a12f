// Faker-made personal data, drawn once into small pools per country so the hot loop only indexes
// arrays. Every name, address, phone and IP is invented; emails use the reserved example.com domain.
import { Faker, base, en, en_AU, en_CA, en_GB, en_US, fr, type LocaleDefinition } from '@faker-js/faker';
import { COUNTRIES } from '../scenarios/schema.ts';

export interface CountryPool {
  first: string[];
  last: string[];
  cities: string[];
  streets: string[];
  zips: string[];
  phones: string[];
}

export interface Pools {
  byCountry: CountryPool[];
  ips: string[];
}

const LOCALES: LocaleDefinition[] = [en_US, en_CA, en_GB, fr, en_AU];
const SIZE = 400;

export function buildPools(seed: number): Pools {
  const byCountry = COUNTRIES.map((_, ci) => {
    const f = new Faker({ locale: [LOCALES[ci]!, en, base] });
    f.seed(seed * 31 + ci);
    const many = (fn: () => string, n = SIZE) => Array.from({ length: n }, fn);
    return {
      first: many(() => f.person.firstName()),
      last: many(() => f.person.lastName()),
      cities: many(() => f.location.city(), 80),
      streets: many(() => f.location.streetAddress()),
      zips: many(() => f.location.zipCode()),
      // Fits users.phone VARCHAR(32) whatever the locale's format.
      phones: many(() => f.phone.number({ style: 'international' }).slice(0, 32)),
    };
  });
  const f = new Faker({ locale: [en, base] });
  f.seed(seed * 31 + 99);
  const ips = Array.from({ length: 4000 }, () => f.internet.ipv4());
  return { byCountry, ips };
}
