// The route map: the town's villages at their coordinates and each team's route of the day as a numbered
// line in visit order, one colour per team. Drawn as SVG from our own data: no map tiles, nothing loaded.

const SVG = 'http://www.w3.org/2000/svg';
export const COLOURS = ['#1a5fb4', '#c01c28', '#26a269', '#e66100', '#813d9c', '#865e3c', '#0e7c86', '#a51d2d'];
const WIDTH = 640;
const HEIGHT = 420;
const MARGIN = 36;

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Draws into `box` the villages ({id, name, latitude, longitude}) and the routes ([{name, stops:
 * [{villageId, label}]}]). Each route is a polyline with its stops numbered 1, 2, 3… in order.
 */
export function drawMap(box, villages, routes) {
  const placed = villages.filter((v) => v.latitude != null && v.longitude != null);
  if (placed.length === 0) {
    box.replaceChildren(Object.assign(document.createElement('p'), { textContent: '本镇的村没有坐标。' }));
    return;
  }
  const lat0 = placed.reduce((s, v) => s + Number(v.latitude), 0) / placed.length;
  const kx = Math.cos((lat0 * Math.PI) / 180);
  const xs = placed.map((v) => Number(v.longitude) * kx);
  const ys = placed.map((v) => -Number(v.latitude));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((WIDTH - 2 * MARGIN) / Math.max(maxX - minX, 1e-6), (HEIGHT - 2 * MARGIN) / Math.max(maxY - minY, 1e-6));
  const point = (v) => [MARGIN + (Number(v.longitude) * kx - minX) * scale, MARGIN + (-Number(v.latitude) - minY) * scale];
  const byId = new Map(placed.map((v) => [v.id, v]));

  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'route-map' });
  root.append(svg('title', {}, `路线图：${routes.length} 个小分队，${placed.length} 个村`));
  for (const v of placed) {
    const [x, y] = point(v);
    root.append(svg('circle', { cx: x, cy: y, r: 5, class: 'village' }));
    root.append(svg('text', { x: x + 8, y: y - 8, class: 'village-name' }, v.name));
  }
  routes.forEach((route, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const stops = route.stops.filter((s) => byId.has(s.villageId));
    const group = svg('g', { class: 'route', 'data-team': route.name, 'data-stops': stops.length });
    group.append(svg('title', {}, `${route.name}：${stops.length} 站`));
    const seen = new Map();
    const points = stops.map((s) => {
      const [x, y] = point(byId.get(s.villageId));
      const n = seen.get(s.villageId) || 0;
      seen.set(s.villageId, n + 1);
      // Several stops in one village fan out a little, so each number can be read.
      return [x + n * 7 + i * 3, y + n * 7 - i * 3];
    });
    if (points.length > 1) {
      group.append(svg('polyline', { points: points.map((p) => p.join(',')).join(' '), fill: 'none', stroke: colour,
        'stroke-width': 3, 'stroke-linejoin': 'round', opacity: 0.85 }));
    }
    points.forEach(([x, y], n) => {
      const stop = svg('g', { class: 'stop' });
      stop.append(svg('title', {}, `${route.name} 第 ${n + 1} 站 ${stops[n].label || ''}`));
      stop.append(svg('circle', { cx: x, cy: y, r: 9, fill: colour }));
      stop.append(svg('text', { x, y: y + 4, 'text-anchor': 'middle', class: 'stop-number' }, String(n + 1)));
      group.append(stop);
    });
    root.append(group);
  });
  const legend = document.createElement('ul');
  legend.className = 'legend';
  routes.forEach((route, i) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = COLOURS[i % COLOURS.length];
    li.append(swatch, `${route.name}（${route.stops.length} 站）`);
    legend.append(li);
  });
  box.replaceChildren(root, legend);
}
