export { ISO_3166_ALPHA2, WORLDWIDE, isAlpha2Shape, normalizeRegionCode } from './iso3166.js';
export { SEED_REGIONS, RegionTable, type Region } from './regions.js';
export {
  createRegionResolver,
  regionSelectable,
  type RegionResolver,
  type RegionResolverOptions,
  type RegionRequest,
  type ResolvedRegion,
  type RegionSource,
} from './resolve.js';
