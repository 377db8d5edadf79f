// Notice and consent texts (告知与同意文本): what the operator reads to a caller before a booking and what the
// tablet shows before a face photo, the version in force and every earlier one, and a new version published.
// A published version is never changed: each consent names the words the resident agreed to.
import { api, showProblem } from './api.js';
import { busy, checked, choices, confirmDialog, field, fill, focusFirst, h, toast } from './dom.js';
import * as fmt from './format.js';
import { TEXT_PURPOSE, TEXT_SCOPE, name } from './words.js';

export async function privacyTextsPage(main, ctx) {
  const purposes = Object.keys(TEXT_PURPOSE);
  const countyAdmin = ctx.me.roles.includes('county_admin');
  const [inForce, ...lists] = await Promise.all([
    api('GET', '/api/v1/privacy-texts'),
    ...purposes.map((purpose) => api('GET', `/api/v1/privacy-texts/${purpose}/versions`)),
    // a county admin works on the county's wording even where the town has its own
    ...(countyAdmin ? purposes.map((purpose) => api('GET', `/api/v1/privacy-texts/${purpose}/versions?scope=COUNTY`)) : []),
  ]);
  const histories = lists.slice(0, purposes.length);
  const countyVersions = countyAdmin ? lists.slice(purposes.length) : purposes.map(() => []);
  // Which wording each role may publish: a town admin the town's own, a county admin the county's.
  const scopes = [['TOWN', 'admin'], ['COUNTY', 'county_admin']]
    .filter(([, role]) => ctx.me.roles.includes(role)).map(([scope]) => scope);

  const label = (t) => `${name(TEXT_SCOPE, t.scope)} 第 ${t.version} 版`;
  const versionList = (versions, current) => h('ol', { class: 'versions' }, versions.map((t) => h('li', {},
    h('div', { class: 'muted' }, `${label(t)} · ${fmt.dateTime(t.publishedAt)}` + (current && t.id === current.id ? ' · 现行' : '')),
    h('blockquote', { class: 'text' }, t.text))));

  function section(purpose, history, county) {
    const current = inForce.find((t) => t.purpose === purpose);
    // what a new version of each wording starts from: its latest, or (a town's first) the wording in force;
    // the county's versions are fetched for county admins, the only ones who publish them
    const latest = { TOWN: history.find((t) => t.scope === 'TOWN') || current, COUNTY: county[0] || current };
    const slot = h('div');
    const start = h('button', { type: 'button', class: 'primary', onclick: () => publishForm(purpose, latest, slot, start) },
      '发布新版本…');
    return h('section', { class: 'panel', 'aria-labelledby': `text-${purpose}`, 'data-purpose': purpose },
      h('h2', { id: `text-${purpose}` }, name(TEXT_PURPOSE, purpose)),
      current
        ? [h('p', { class: 'muted' }, `现行：${label(current)}，${fmt.dateTime(current.publishedAt)} 发布`),
          h('blockquote', { class: 'text' }, current.text)]
        : h('p', { class: 'alert' }, '还没有现行的文本。'),
      h('details', {}, h('summary', {}, `所有版本（${history.length}）`), versionList(history, current)),
      current && current.scope === 'TOWN' && county.length
        ? h('details', { 'data-county': '' }, h('summary', {}, `全县通用文本（本镇不用；${county.length} 版）`), versionList(county, null))
        : null,
      scopes.length ? h('div', { class: 'actions' }, start) : null,
      slot);
  }

  function publishForm(purpose, latest, slot, start) {
    let shown = latest[scopes[0]] ? latest[scopes[0]].text : '';
    const text = h('textarea', { rows: 8, value: shown });
    const scope = scopes.length > 1
      ? h('div', { class: 'field' }, choices('适用范围', 'scope', scopes.map((s) => [s, name(TEXT_SCOPE, s)]), scopes[0]))
      : h('p', {}, `适用范围：${name(TEXT_SCOPE, scopes[0])}`);
    const form = h('form', { novalidate: true, 'aria-label': `发布新版本：${name(TEXT_PURPOSE, purpose)}` },
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      scope,
      field('文本', text, { name: 'text', hint: '从这一范围最新的文本开始修改。写明收集什么、为什么收集、保存多久、提供给谁；20 至 5000 字。' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, '发布'),
        h('button', { type: 'button', onclick: () => { fill(slot); start.hidden = false; start.focus(); } }, '取消')));
    form.addEventListener('change', (event) => {
      // another scope: start from its wording, unless the text has been edited already
      if (event.target.name !== 'scope' || text.value !== shown) return;
      shown = latest[event.target.value] ? latest[event.target.value].text : '';
      text.value = shown;
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = scopes.length > 1 ? checked(form, 'scope') : scopes[0];
      const yes = await confirmDialog(`发布后立即生效：${chosen === 'COUNTY' ? '没有本镇文本的各镇' : '本镇'}此后的${
        purpose === 'BOOKING_NOTICE' ? '预约都宣读这一版' : '人脸采集都须按这一版重新取得同意'}。已发布的版本不能修改或删除。`,
      { confirm: '发布' });
      if (!yes) return;
      await busy(form, async () => {
        try {
          const published = await api('POST', `/api/v1/privacy-texts/${purpose}/versions`,
            { body: { scope: chosen, text: text.value.trim() } });
          toast(`已发布 ${label(published)}`);
          ctx.go('/admin/privacy-texts');
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    start.hidden = true;
    fill(slot, form);
    text.focus();
  }

  fill(main,
    h('h1', {}, '告知与同意文本'),
    h('p', { class: 'muted' }, '各镇默认使用全县通用的文本；本镇发布了自己的文本后，本镇改用它。每份同意都记着居民同意的是哪一版。'),
    purposes.map((purpose, i) => section(purpose, histories[i], countyVersions[i])));
}
