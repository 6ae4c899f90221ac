import { Region } from "../accounts/account.entity";
import { WeightedChoice } from "./seeded-random";

/**
 * One currency per region (an account buys in its region's currency), with a fixed rate so that
 * one catalogue priced in dollars gives comparable amounts everywhere.
 */
export interface RegionSetting {
  region: Region;
  currency: string;
  minorUnitsPerDollar: number;
  callingCodes: readonly string[];
  domainSuffixes: readonly string[];
}

export const regionSettings: Record<Region, RegionSetting> = {
  [Region.NORTH_AMERICA]: {
    region: Region.NORTH_AMERICA,
    currency: "USD",
    minorUnitsPerDollar: 100,
    callingCodes: ["1"],
    domainSuffixes: ["com", "com", "com", "net", "us", "ca"],
  },
  [Region.LATIN_AMERICA]: {
    region: Region.LATIN_AMERICA,
    currency: "BRL",
    minorUnitsPerDollar: 520,
    callingCodes: ["55"],
    domainSuffixes: ["com.br", "com.br", "com"],
  },
  [Region.EUROPE]: {
    region: Region.EUROPE,
    currency: "EUR",
    minorUnitsPerDollar: 92,
    callingCodes: ["49", "33", "31", "34", "39", "353", "43", "32"],
    domainSuffixes: ["de", "fr", "nl", "es", "it", "ie", "at", "be", "eu", "com"],
  },
  [Region.MIDDLE_EAST_AFRICA]: {
    region: Region.MIDDLE_EAST_AFRICA,
    currency: "AED",
    minorUnitsPerDollar: 367,
    callingCodes: ["971"],
    domainSuffixes: ["ae", "com"],
  },
  [Region.ASIA_PACIFIC]: {
    region: Region.ASIA_PACIFIC,
    currency: "SGD",
    minorUnitsPerDollar: 134,
    callingCodes: ["65"],
    domainSuffixes: ["sg", "com.sg", "com"],
  },
};

/** Where the customers are: mostly North America and Europe. */
export const regionChoice = new WeightedChoice<RegionSetting>([
  [regionSettings[Region.NORTH_AMERICA], 34],
  [regionSettings[Region.EUROPE], 30],
  [regionSettings[Region.ASIA_PACIFIC], 18],
  [regionSettings[Region.LATIN_AMERICA], 9],
  [regionSettings[Region.MIDDLE_EAST_AFRICA], 9],
]);
