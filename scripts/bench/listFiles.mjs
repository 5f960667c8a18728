// The .txt files under a benchmark corpus folder, in name order.
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function listFiles(dir) {
  const out = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...listFiles(p));
    else if (d.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}
