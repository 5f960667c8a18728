import { readFileSync, readdirSync } from 'fs';
import { CorpusIndex } from './server/src/core/index/corpusIndex';
const cat = JSON.parse(readFileSync('server/catalog/entities.json','utf8'));
const idx = new CorpusIndex(cat.entities);
for (const f of readdirSync('../shared/seeds')) idx.upsert(f, readFileSync('../shared/seeds/' + f, 'utf8'));
for (const a of idx.allArticles()) {
  console.log(a.uri, [...a.counts].map(([k,v])=>k.split(':')[1]+'='+v).join(' '));
  console.log('  BP:', a.mentions.filter(m=>m.boilerplate).map(m=>m.entity.split(':')[1]+'«'+a.text.slice(m.start,m.end)+'»').join(' '));
  console.log('  forms:', a.mentions.filter(m=>m.kind!=='demonym').map(m=>a.text.slice(m.start,m.end)).join('|'));
}
console.log(idx.allEntities().filter(e=>e.discovered).map(e=>e.id+' / '+e.description));
