/** The catalog that ships with the extension, built by `scripts/build-catalog.mts` (see there). */
import shipped from '../catalog/shipped.json';
import type { CatalogEntry } from './core/catalog/types';

export const shippedCatalog = (): readonly CatalogEntry[] => (shipped as { entities: CatalogEntry[] }).entities;
