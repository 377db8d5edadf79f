// Charts with Chart.js, loaded from our own build (its webjar, at /webjars/) the first time a page needs
// it. Every chart has its numbers beside it in a table, for screen readers and for anyone who wants them.
import { h } from './dom.js';
import { COLOURS } from './map.js';

let loading = null;

function chartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/webjars/chart.js/dist/chart.umd.min.js';
      script.onload = () => resolve(window.Chart);
      script.onerror = () => reject(new Error('无法加载图表'));
      document.head.append(script);
    });
  }
  return loading;
}

/**
 * A chart and the table of its numbers. `labels` name the points; `series` are [{label, data}].
 * `type` is 'bar' or 'line'. Returns the figure element at once; the chart is drawn when Chart.js is in.
 */
export function chart(title, type, labels, series, { yTitle, stacked = false, max } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const table = h('table', { class: 'chart-data' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), series.map((s) => h('th', { scope: 'col' }, s.label)))),
    h('tbody', {}, labels.map((label, i) => h('tr', {}, h('th', { scope: 'row' }, label),
      series.map((s) => h('td', {}, s.data[i] == null ? '—' : String(s.data[i])))))));
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, title), h('div', { class: 'chart-box' }, canvas),
    h('details', {}, h('summary', {}, '查看数据'), table));
  chartJs().then((Chart) => {
    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    Chart.defaults.animation = false;
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length], tension: 0.2, spanGaps: true, pointRadius: labels.length > 60 ? 0 : 2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked, ticks: { autoSkip: true, maxRotation: 0 } },
          y: { stacked, beginAtZero: true, max, title: yTitle ? { display: true, text: yTitle } : undefined,
            ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }).catch(() => canvas.replaceWith(h('p', { class: 'muted' }, '图表无法加载，数据见下表。')));
  return figure;
}
