/** The catalog that ships with the extension (built by `scripts/build-catalog.mjs`). */
import shipped from '../catalog/entities.json';
import type { CatalogEntry } from './core/catalog/types';

export const shippedCatalog = (): readonly CatalogEntry[] => (shipped as { entities: CatalogEntry[] }).entities;
