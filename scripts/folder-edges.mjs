#!/usr/bin/env node
// npm run folders: imports between the top-level parts of src/ (each folder, and each file directly in
// src/ on its own: pipeline.ts, model.ts, messages.ts), and the pairs that import each other both ways.
// Exits 1 when a pair does, so that `npm run lint` keeps the folders in the order of the pipeline picture.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'src');
const edges = new Map();
const top = (parts) => parts[0];
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
  const file = path.join(entry.parentPath, entry.name);
  const from = top(path.relative(root, file).split(path.sep));
  const text = readFileSync(file, 'utf8');
  // Static imports and re-exports, and import('...') calls (lazy loading is still a dependency).
  for (const match of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
    const to = top(path.relative(root, path.resolve(path.dirname(file), match[1])).split(path.sep));
    if (to === from) continue;
    const key = `${from} -> ${to}`;
    edges.set(key, (edges.get(key) ?? 0) + 1);
  }
}
const twoWay = [];
for (const key of [...edges.keys()].sort()) {
  const [a, b] = key.split(' -> ');
  const back = edges.get(`${b} -> ${a}`);
  if (back !== undefined && a < b) twoWay.push(`${a} <-> ${b} (${edges.get(key)} and ${back} imports)`);
  console.log(`${key.padEnd(28)} ${edges.get(key)}`);
}
console.log(`${edges.size} edges, ${[...edges.values()].reduce((sum, n) => sum + n, 0)} imports between parts of src/`);
if (twoWay.length > 0) {
  console.error(`parts of src/ that import each other both ways:\n  ${twoWay.join('\n  ')}`);
  process.exitCode = 1;
}
