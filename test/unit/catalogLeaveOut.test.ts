/** The setting that leaves parts of the shipped catalog out. */
import { strict as assert } from 'assert';
import { keptShipped } from '../../server/src/core/catalog/catalog';
import type { CatalogEntry } from '../../server/src/core/catalog/types';

const SHIPPED: CatalogEntry[] = [
  { id: 'person:a', type: 'person', ar: 'أ' },
  { id: 'org:club', type: 'organisation', ar: 'نادي', subtype: 'sports' },
  { id: 'org:al-bank', type: 'organisation', ar: 'مصرف', subtype: 'company' },
  { id: 'org:al-paper', type: 'organisation', ar: 'صحيفة', subtype: 'media' },
  { id: 'place:city', type: 'place', ar: 'مدينة', subtype: 'city' },
];
const ids = (leaveOut: string[]) => keptShipped(SHIPPED, leaveOut).map((e) => e.id);

describe('leaving parts of the shipped catalog out', () => {
  it('by type, subtype, id and id prefix; nothing when the setting is empty', () => {
    assert.deepEqual(ids([]), SHIPPED.map((e) => e.id));
    assert.deepEqual(ids(['person']), ['org:club', 'org:al-bank', 'org:al-paper', 'place:city']);
    assert.deepEqual(ids(['sports', 'city']), ['person:a', 'org:al-bank', 'org:al-paper']);
    assert.deepEqual(ids(['org:al-*']), ['person:a', 'org:club', 'place:city']);
    assert.deepEqual(ids(['org:club', 'person:*']), ['org:al-bank', 'org:al-paper', 'place:city']);
  });
});
