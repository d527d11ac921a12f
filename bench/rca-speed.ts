// Speed of the product's segment search on a product-sized synthetic cube: ~10^5 leaves over 8
// dimensions (channel, category, sub-category, product, country, device, traffic source, new vs
// returning) with a planted two-dimension cause. Prints wall and CPU time per run.
// Usage: npx tsx bench/rca-speed.ts [--runs N]
import { searchSegments } from '../src/analysis/segment-search.ts';
import { gridCube, values } from '../src/analysis/synthetic.ts';

const i = process.argv.indexOf('--runs');
const runs = i > 0 ? Number(process.argv[i + 1]) : 5;
const cube = gridCube({
  dims: {
    channel: ['own_website', 'amazon', 'other_marketplace'],
    category: values('cat', 5),
    sub_category: values('sub', 4),
    product: values('p', 10),
    country: ['United States', 'Canada', 'United Kingdom', 'France', 'Australia'],
    device: ['desktop', 'mobile', 'tablet'],
    traffic_source: values('src', 6),
    customer: ['new', 'returning'],
  },
  seed: 42,
  noise: 0.03,
  base: (r) => 50 + 500 * r(),
  effect: (d) => (d.channel === 'amazon' && d.country === 'Canada' ? 0.6 : 1),
});
console.log(`cube: ${cube.n} leaves, ${cube.dimNames.length} dimensions; planted cause channel=amazon & country=Canada (−40%)`);
for (let k = 0; k < runs; k++) {
  const cpu0 = process.cpuUsage();
  const r = searchSegments(cube);
  const cpu = process.cpuUsage(cpu0);
  const found = r.root_causes.map((e) => Object.entries(e.dims).map(([a, b]) => `${a}=${b}`).join('&')).join('; ');
  console.log(`run ${k + 1}: ${r.elapsed_ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU; found [${found}]`);
}
