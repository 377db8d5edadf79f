// The dispatcher's day (调度台): a lane per team across its working hours, the visits still to place,
// placing one by a recommended slot or by dragging it onto a lane, the automatic day plan with its progress,
// and the route map. The board follows other dispatchers' changes by asking the API, every few seconds,
// whether its ETag is still current; a change made on a stale view is refused by the API (If-Match).
import { api, ApiProblem } from './api.js';
import { confirmDialog, fill, h, toast } from './dom.js';
import * as fmt from './format.js';
import { PERIOD, name } from './words.js';
import { drawMap } from './map.js';

const REFRESH_MS = 3000;
const SNAP_MINUTES = 5;
const LEFT_OUT = {
  NO_TEAM_COVERS_VILLAGE: '没有负责这个村的小分队',
  TEAMS_FULL: '负责的小分队当天已排满',
  NO_TIME_LEFT: '负责的小分队在居民希望的时段内已排不下',
};

export async function boardPage(main, ctx) {
  // Without a date the API gives the town's next working day: the day a dispatcher usually plans.
  const first = await api('GET', `/api/v1/dispatch/board${ctx.query.get('date') ? `?date=${ctx.query.get('date')}` : ''}`,
    { withResponse: true });
  const date = first.data.date;
  const [teams, villages, services] = (await Promise.all([
    api('GET', '/api/v1/teams?size=200'),
    api('GET', '/api/v1/villages?size=200'),
    api('GET', '/api/v1/service-types?size=200'),
  ])).map((page) => page.items);
  // Each lane's hours that day come from the API, which holds the calendar's rules (a make-up working day works
  // Monday's hours, a holiday none): the board draws what it is sent.
  const hoursOf = (teamId) => ((board.teams.find((t) => t.teamId === teamId) || {}).hours || [])
    .map((range) => [minutes(range.start), minutes(range.end)]);
  const duration = (code) => (services.find((s) => s.code === code) || {}).durationMinutes || 30;

  let board = first.data;
  let etag = first.response.headers.get('ETag');
  let selected = null;
  let proposal = null;
  let stopped = false;

  const notice = h('div', { class: 'alert', role: 'alert', hidden: true, id: 'board-notice', tabindex: '-1' });
  const lanes = h('div', { class: 'lanes', 'aria-label': '各小分队的当天安排' });
  const waiting = h('div', { class: 'waiting' });
  const detail = h('div', { class: 'placing', 'aria-live': 'polite' });
  const planBox = h('section', { class: 'panel', 'aria-labelledby': 'plan-title', hidden: true });
  const mapBox = h('div', { class: 'map' });
  const mapTitle = h('h2', { id: 'map-title' }, '路线图');
  const picker = h('input', { type: 'date', value: date, 'aria-label': '日期' });
  picker.addEventListener('change', () => picker.value && ctx.go(`/board?date=${picker.value}`));
  const shift = (days) => {
    const d = new Date(`${date}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    ctx.go(`/board?date=${d.toISOString().slice(0, 10)}`);
  };
  const planButton = h('button', { type: 'button', class: 'primary', onclick: () => startPlan() }, '自动排班');

  fill(main,
    h('h1', {}, `调度台 · ${fmt.date(date)}`),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', onclick: () => shift(-1) }, '前一天'),
      picker,
      h('button', { type: 'button', onclick: () => shift(1) }, '后一天'),
      h('button', { type: 'button', onclick: () => ctx.go(`/board?date=${fmt.today()}`) }, '今天'),
      planButton,
      h('span', { class: 'muted', id: 'board-state' }, '')),
    notice,
    planBox,
    h('div', { class: 'board-grid' },
      h('section', { class: 'panel', 'aria-labelledby': 'lanes-title' }, h('h2', { id: 'lanes-title' }, '各小分队'), lanes),
      h('section', { class: 'panel', 'aria-labelledby': 'waiting-title' }, h('h2', { id: 'waiting-title' }, '待安排'), detail, waiting)),
    h('section', { class: 'panel', 'aria-labelledby': 'map-title' }, mapTitle, mapBox));

  ctx.onLeave(() => { stopped = true; });
  render();
  poll();

  async function poll() {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
      if (stopped || document.hidden) continue;
      try {
        await load();
      } catch {
        // The next round tries again; a refusal that matters shows when the dispatcher acts.
      }
    }
  }

  /** Reads the board, or learns from a 304 that it has not changed. */
  async function load() {
    const headers = etag ? { 'If-None-Match': etag } : {};
    const { data, response } = await api('GET', `/api/v1/dispatch/board?date=${date}`, { headers, withResponse: true });
    if (response.status === 304) return;
    etag = response.headers.get('ETag');
    board = data;
    render();
    document.getElementById('board-state').textContent = `已更新 ${fmt.time(new Date())}`;
  }

  function visitById(id) {
    for (const team of board.teams) {
      for (const stop of team.visits) if (stop.visit.id === id) return stop.visit;
    }
    return board.unassigned.find((v) => v.id === id);
  }

  function render() {
    const all = board.teams.flatMap((t) => hoursOf(t.teamId));
    const axisStart = Math.min(480, ...all.map((r) => r[0]));
    const axisEnd = Math.max(1080, ...all.map((r) => r[1]));
    const pct = (m) => `${((m - axisStart) / (axisEnd - axisStart)) * 100}%`;
    const width = (a, b) => `${((b - a) / (axisEnd - axisStart)) * 100}%`;
    const ticks = [];
    for (let m = Math.ceil(axisStart / 60) * 60; m <= axisEnd; m += 60) {
      const tick = h('span', { class: 'tick' }, `${String(m / 60).padStart(2, '0')}:00`);
      tick.style.left = pct(m);
      ticks.push(tick);
    }
    const rows = board.teams.map((team) => {
      const track = h('div', { class: 'lane-track', 'data-team': team.teamId, 'aria-label': `${team.teamName}的时间轴` });
      track.dataset.start = axisStart;
      track.dataset.end = axisEnd;
      const ranges = hoursOf(team.teamId);
      ranges.forEach(([a, b], i) => {
        const on = h('div', { class: 'hours' });
        on.style.left = pct(a);
        on.style.width = width(a, b);
        track.append(on);
        if (i + 1 < ranges.length && ranges[i + 1][0] > b) {
          const lunch = h('div', { class: 'lunch' }, '午休');
          lunch.style.left = pct(b);
          lunch.style.width = width(b, ranges[i + 1][0]);
          track.append(lunch);
        }
      });
      if (ranges.length === 0) track.append(h('div', { class: 'off' }, '当天不上班'));
      let previousEnd = null;
      team.visits.forEach((stop) => {
        const v = stop.visit;
        const a = minutesOf(v.assignment.start);
        const b = minutesOf(v.assignment.end);
        if (previousEnd !== null && stop.travelMinutesFromPrevious != null) {
          const gap = h('div', { class: `travel${stop.gapTooShort ? ' short' : ''}`, title: stop.gapTooShort
            ? `路程约 ${stop.travelMinutesFromPrevious} 分钟，间隔只有 ${stop.gapMinutes} 分钟` : `路程约 ${stop.travelMinutesFromPrevious} 分钟` },
          stop.gapTooShort ? `路程不足 ${stop.travelMinutesFromPrevious}分` : `${stop.travelMinutesFromPrevious}分`);
          gap.style.left = pct(previousEnd);
          gap.style.width = width(previousEnd, Math.max(previousEnd + 1, a));
          track.append(gap);
        }
        const block = h('button', {
          type: 'button', class: `block${v.overdue ? ' overdue' : ''}${selected === v.id ? ' selected' : ''}`,
          'data-visit': v.id, title: `${v.ticketNumber} ${v.resident.name} ${fmt.time(v.assignment.start)}–${fmt.time(v.assignment.end)}`,
          onclick: () => select(v.id),
        }, h('strong', {}, v.village.name), h('span', {}, v.serviceType.name));
        block.style.left = pct(a);
        block.style.width = width(a, b);
        draggable(block, v);
        track.append(block);
        previousEnd = b;
      });
      return h('div', { class: 'lane' },
        h('div', { class: 'lane-name' }, h('strong', {}, team.teamName), h('span', { class: 'muted' }, `${team.visits.length} / ${team.maxVisits} 张 · 路程 ${team.totalTravelMinutes} 分`)),
        track);
    });
    fill(lanes, h('div', { class: 'lane axis' }, h('div', { class: 'lane-name' }), h('div', { class: 'lane-track' }, ticks)), rows,
      board.teams.length === 0 ? h('p', { class: 'muted' }, '没有在用的小分队。') : null);

    fill(waiting, board.unassigned.length === 0 ? h('p', { class: 'muted' }, '当天的工单都已安排。')
      : h('ul', { class: 'cards', 'aria-label': '待安排的工单' }, board.unassigned.map((v) => {
        const card = h('li', { class: `card${v.overdue ? ' overdue' : ''}${selected === v.id ? ' selected' : ''}`, 'data-visit': v.id },
          h('button', { type: 'button', class: 'link', onclick: () => select(v.id) }, v.ticketNumber),
          h('div', {}, `${v.village.name} · ${v.resident.name} · ${v.serviceType.name}`),
          h('div', { class: 'muted' }, `希望 ${fmt.date(v.preferredDate)} ${name(PERIOD, v.preferredPeriod)}`),
          h('div', { class: v.overdue ? 'error' : 'muted' }, `${v.overdue ? '已逾期，' : ''}期限 ${fmt.dateTime(v.dueAt)}`));
        draggable(card, v);
        return card;
      })));
    if (selected && !visitById(selected)) {
      selected = null;
      fill(detail);
    }
    if (!proposal) drawBoardMap();
  }

  function drawBoardMap() {
    mapTitle.textContent = '路线图';
    drawMap(mapBox, villages, board.teams.map((t) => ({
      name: t.teamName, stops: t.visits.map((s) => ({ villageId: s.visit.village.id, label: s.visit.ticketNumber })),
    })));
  }

  async function select(id) {
    selected = id;
    render();
    const v = visitById(id);
    const assigned = Boolean(v.assignment);
    const options = h('div', {}, h('p', { class: 'loading' }, '正在计算推荐时段…'));
    fill(detail, h('div', { class: 'panel inset' },
      h('h3', {}, `${v.ticketNumber} · ${v.resident.name}`),
      h('p', { class: 'muted' }, `${v.village.name} · ${v.serviceType.name} · 希望 ${fmt.date(v.preferredDate)} ${name(PERIOD, v.preferredPeriod)}`),
      assigned ? h('p', {}, `已安排：${v.assignment.teamName} ${fmt.time(v.assignment.start)}–${fmt.time(v.assignment.end)}`) : null,
      h('div', { class: 'actions' },
        assigned ? h('button', { type: 'button', onclick: () => unassign(v) }, '撤回安排') : null,
        h('a', { href: `#/visits/${v.id}` }, '查看工单')),
      h('h4', {}, assigned ? '改到推荐时段' : '推荐时段'),
      options,
      h('p', { class: 'muted' }, '也可以把工单拖到某个小分队的时间轴上。')));
    try {
      const answer = await api('POST', '/api/v1/dispatch/recommendations', { body: { visitId: v.id, limit: 5 } });
      fill(options, answer.options.length === 0 ? h('p', { class: 'muted' }, '没有合适的时段。')
        : h('ul', { class: 'slots' }, answer.options.map((o) => h('li', {},
          h('button', { type: 'button', onclick: () => place(v, { teamId: o.teamId, start: o.start, end: o.end }) },
            `${o.teamName} ${fmt.isoDay(o.start) === date ? '' : `${fmt.day(o.start)} `}${fmt.time(o.start)}–${fmt.time(o.end)}`),
          o.withinPreferredPeriod ? '' : h('span', { class: 'muted' }, ' 不在希望的时段'),
          o.travelMinutes ? h('span', { class: 'muted' }, ` 增加路程 ${o.travelMinutes} 分`) : ''))));
    } catch (e) {
      fill(options, h('p', { class: 'error' }, e.message));
    }
  }

  /** Gives the visit to a team for a slot, on the version the dispatcher is looking at. */
  async function place(v, slot, override) {
    const body = { ...slot };
    if (override) {
      body.overridePreference = true;
      body.reason = override;
    }
    try {
      await api('PUT', `/api/v1/visits/${v.id}/assignment`, { body, headers: { 'If-Match': `"${v.version}"` } });
      hideNotice();
      toast(`已安排 ${v.ticketNumber}`);
      selected = null;
      fill(detail);
      etag = null;
      await load();
    } catch (e) {
      await refused(v, e, slot);
    }
  }

  async function unassign(v) {
    try {
      await api('DELETE', `/api/v1/visits/${v.id}/assignment`, { headers: { 'If-Match': `"${v.version}"` } });
      toast(`已撤回 ${v.ticketNumber} 的安排`);
      selected = null;
      fill(detail);
      etag = null;
      await load();
    } catch (e) {
      await refused(v, e);
    }
  }

  /** The API's refusal, said where the dispatcher is looking, and what can be done about it. */
  async function refused(v, e, slot) {
    if (!(e instanceof ApiProblem)) {
      showNotice(`无法连接服务器，${v.ticketNumber} 没有改动。`);
      return;
    }
    if (e.status === 412 || e.status === 409 && e.type === 'conflict') {
      etag = null;
      await load();
      const now = visitById(v.id);
      const where = now && now.assignment ? `现在：${now.assignment.teamName} ${fmt.time(now.assignment.start)}–${fmt.time(now.assignment.end)}` : '现在：待安排';
      showNotice(`工单 ${v.ticketNumber} 刚被别人改过（${where}），您的改动没有保存。看板已刷新，请按最新情况重新安排。`);
      return;
    }
    if (e.type === 'outside-preferred-period' && slot) {
      const reason = h('input', { type: 'text', 'aria-label': '原因', placeholder: '如：已电话确认，居民同意下午上门' });
      const go = h('button', { type: 'button', class: 'primary', onclick: () => {
        if (reason.value.trim()) place(v, slot, reason.value.trim());
        else reason.focus();
      } }, '仍然安排');
      showNotice(`${v.ticketNumber}：${e.message}`, h('div', { class: 'actions' }, reason, go));
      reason.focus();
      return;
    }
    showNotice(`无法安排 ${v.ticketNumber}：${e.message}`);
  }

  function showNotice(text, ...extra) {
    fill(notice, h('p', {}, text), extra);
    notice.hidden = false;
    notice.focus();
  }

  function hideNotice() {
    notice.hidden = true;
  }

  /**
   * Drag with the pointer: a card or a block follows the pointer; let go over a team's lane and the visit
   * is given to that team from the time under the pointer, for as long as its service takes.
   */
  function draggable(el, v) {
    el.addEventListener('pointerdown', (down) => {
      if (down.button !== 0) return;
      const x0 = down.clientX;
      const y0 = down.clientY;
      let ghost = null;
      let target = null;
      const move = (e) => {
        if (!ghost && Math.hypot(e.clientX - x0, e.clientY - y0) < 6) return;
        if (!ghost) {
          ghost = h('div', { class: 'ghost', 'aria-hidden': 'true' }, `${v.village.name} · ${v.serviceType.name}`);
          document.body.append(ghost);
        }
        ghost.style.left = `${e.clientX + 8}px`;
        ghost.style.top = `${e.clientY + 8}px`;
        document.querySelectorAll('.lane-track.over').forEach((t) => t.classList.remove('over'));
        target = trackAt(e.clientX, e.clientY);
        if (target) {
          target.track.classList.add('over');
          ghost.textContent = `${v.village.name} · ${String(Math.floor(target.minute / 60)).padStart(2, '0')}:${String(target.minute % 60).padStart(2, '0')}`;
        }
      };
      const up = () => {
        document.removeEventListener('pointermove', move);
        document.removeEventListener('pointerup', up);
        document.querySelectorAll('.lane-track.over').forEach((t) => t.classList.remove('over'));
        if (!ghost) return;
        ghost.remove();
        if (target) {
          const start = target.minute;
          place(v, { teamId: target.track.dataset.team, start: at(start), end: at(start + duration(v.serviceType.code)) });
        }
      };
      document.addEventListener('pointermove', move);
      document.addEventListener('pointerup', up);
    });
  }

  function trackAt(x, y) {
    for (const track of document.querySelectorAll('.lane-track[data-team]')) {
      const box = track.getBoundingClientRect();
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) {
        const start = Number(track.dataset.start);
        const end = Number(track.dataset.end);
        const raw = start + ((x - box.left) / box.width) * (end - start);
        return { track, minute: Math.round(raw / SNAP_MINUTES) * SNAP_MINUTES };
      }
    }
    return null;
  }

  /** A time of the day as the API takes it: 2026-12-07T09:05:00+08:00, in the town's offset that day. */
  function at(minute) {
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(minute % 60).padStart(2, '0');
    return `${date}T${hh}:${mm}:00${fmt.offsetOn(date)}`;
  }

  // --- the automatic day plan ---------------------------------------------------------------
  async function startPlan() {
    planButton.disabled = true;
    proposal = null;
    const bar = h('progress', { max: 100, value: 0, 'aria-label': '排班进度' });
    const line = h('p', { 'aria-live': 'polite', id: 'plan-progress' }, '正在提交…');
    fill(planBox, h('h2', { id: 'plan-title' }, '自动排班'), bar, line);
    planBox.hidden = false;
    try {
      let plan = await api('POST', '/api/v1/dispatch/plans', { body: { date, timeLimitSeconds: 10 } });
      while (plan.status === 'SOLVING' && !stopped) {
        showProgress(plan, bar, line);
        await new Promise((resolve) => setTimeout(resolve, 400));
        plan = await api('GET', `/api/v1/dispatch/plans/${plan.id}`);
      }
      showProgress(plan, bar, line);
      if (plan.status === 'FAILED') {
        line.textContent = `排班失败：${plan.failure}`;
        planButton.disabled = false;
        return;
      }
      showProposal(plan);
    } catch (e) {
      line.textContent = e instanceof ApiProblem ? e.message : '无法连接服务器，请重试。';
      planButton.disabled = false;
    }
  }

  function showProgress(plan, bar, line) {
    const p = plan.progress;
    if (!p) {
      line.textContent = '排队中，等待排班程序…';
      return;
    }
    bar.max = p.timeLimitSeconds;
    bar.value = Math.min(p.elapsedSeconds, p.timeLimitSeconds);
    line.textContent = `已用 ${p.elapsedSeconds.toFixed(1)} / ${p.timeLimitSeconds} 秒 · 已安排 ${p.visitsPlaced ?? 0} / ${p.visitsToPlace} 张`
      + (p.bestScore ? ` · 当前最优得分 ${p.bestScore}` : '') + (plan.status === 'SOLVING' ? '' : ' · 已完成');
  }

  function showProposal(plan) {
    proposal = plan.proposal;
    const placed = proposal.teams.reduce((n, t) => n + t.route.filter((s) => !s.fixed).length, 0);
    const apply = h('button', { type: 'button', class: 'primary' }, '应用方案');
    const discard = h('button', { type: 'button' }, '放弃方案');
    const message = h('div', { class: 'alert', role: 'alert', hidden: true, tabindex: '-1' });
    planBox.append(...[
      h('p', {}, `方案：新安排 ${placed} 张，未能安排 ${proposal.unplaced.length} 张，得分 ${proposal.score}。`),
      h('div', { class: 'routes' }, proposal.teams.map((t) => h('div', { class: 'route' },
        h('h3', {}, `${t.teamName}（${t.visits} / ${t.maxVisits} 张，路程 ${t.travelMinutes} 分）`),
        h('ol', {}, t.route.map((s) => h('li', {}, `${fmt.time(s.start)}–${fmt.time(s.end)} ${s.villageName} ${s.ticketNumber}`,
          s.fixed ? h('span', { class: 'muted' }, '（原有安排）') : null, s.moved ? h('span', { class: 'muted' }, '（调整）') : null)))))),
      proposal.unplaced.length ? h('div', {}, h('h3', {}, '未能安排'), h('ul', {}, proposal.unplaced.map((u) =>
        h('li', {}, `${u.ticketNumber} ${u.villageName}：${LEFT_OUT[u.reason] || u.reason}`)))) : null,
      message,
      h('div', { class: 'actions' }, apply, discard)].filter(Boolean));
    mapTitle.textContent = '路线图（方案，尚未应用）';
    drawMap(mapBox, villages, proposal.teams.map((t) => ({
      name: t.teamName, stops: t.route.map((s) => ({ villageId: s.villageId, label: s.ticketNumber })),
    })));
    apply.focus();
    discard.addEventListener('click', async () => {
      if (!await confirmDialog('放弃这个方案？看板不会改变。', { confirm: '放弃' })) return;
      closePlan();
    });
    apply.addEventListener('click', async () => {
      apply.disabled = true;
      try {
        await api('POST', `/api/v1/dispatch/plans/${plan.id}/apply`);
        toast(`已应用方案，新安排 ${placed} 张`);
        closePlan();
        etag = null;
        await load();
      } catch (e) {
        apply.disabled = false;
        let text = e instanceof ApiProblem ? e.message : '无法连接服务器，请重试。';
        if (e instanceof ApiProblem && e.type === 'plan-stale') {
          const changed = (e.problem.changed || []).map(describeChanged);
          text = `方案已过时：方案算出后这些有了变化：${changed.join('、')}。请重新排班。`;
          apply.disabled = true;
        }
        message.textContent = text;
        message.hidden = false;
        message.focus();
      }
    });
  }

  function describeChanged(id) {
    const team = teams.find((t) => t.id === id);
    if (team) return `小分队 ${team.name}`;
    const v = visitById(id);
    if (v) return `工单 ${v.ticketNumber}`;
    for (const t of proposal ? proposal.teams : []) {
      const s = t.route.find((stop) => stop.visitId === id);
      if (s) return `工单 ${s.ticketNumber}`;
    }
    const u = proposal ? proposal.unplaced.find((x) => x.visitId === id) : null;
    return u ? `工单 ${u.ticketNumber}` : '一张新安排的工单';
  }

  function closePlan() {
    proposal = null;
    planBox.hidden = true;
    fill(planBox);
    planButton.disabled = false;
    drawBoardMap();
  }
}

function minutes(hhmm) {
  const [hh, mm] = hhmm.split(':').map(Number);
  return hh * 60 + mm;
}

function minutesOf(instant) {
  return minutes(fmt.time(instant));
}
