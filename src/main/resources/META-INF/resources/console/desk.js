// The operator's desk (受理): find the resident, register them if new, book a visit while the caller is on
// the line, and read back the ticket, the deadline and when the team can come. Works from the keyboard
// alone: Enter submits each step, and focus moves to what the operator needs next.
import { api, ApiProblem, clearProblem, idempotencyKey, showProblem } from './api.js';
import { busy, checked, choices, field, fill, focusFirst, h, select, submitOnEnter } from './dom.js';
import * as fmt from './format.js';
import { CHANNEL, PERIOD, RELATION, name } from './words.js';
import { rightsRequestForm } from './rights.js';

export async function deskPage(main, ctx) {
  const [villagePage, servicePage, bookingNotice] = await Promise.all([
    api('GET', '/api/v1/villages?size=200'),
    api('GET', '/api/v1/service-types?size=200'),
    api('GET', '/api/v1/privacy-texts/BOOKING_NOTICE'),
  ]);
  const [villages, services] = [villagePage.items, servicePage.items];
  const villageName = (id) => (villages.find((v) => v.id === id) || {}).name || '';

  const query = h('input', { type: 'search', autocomplete: 'off', spellcheck: 'false', inputmode: 'text' });
  const search = h('form', { class: 'panel', role: 'search', novalidate: true },
    h('h2', {}, '查找居民'),
    h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
    h('div', { class: 'row' },
      field('身份证号或手机号', query, { name: 'lookup', hint: '输入完整号码后按回车；身份证号末位可为 X' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '查找'))));
  const work = h('div', { id: 'desk-work' });
  fill(main, h('h1', {}, '受理'), search, work);

  search.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(search);
    const typed = query.value.trim();
    if (!typed) {
      query.focus();
      return;
    }
    const compact = typed.replace(/\s+/g, '');
    const byIdNumber = /^[0-9０-９]{17}[0-9０-９xXｘＸ]$/.test(compact);
    try {
      // the number goes in the body, never in the address (where proxies and access logs keep it)
      const page = await api('POST', '/api/v1/residents/search', { body: byIdNumber ? { idNumber: typed } : { phone: typed } });
      showResults(page.items, { idNumber: byIdNumber ? typed : '', phone: byIdNumber ? '' : typed });
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) {
        const slot = search.querySelector('[data-field="lookup"]');
        slot.classList.add('invalid');
        slot.querySelector('.error').textContent = e.errors.map((err) => err.message).join('；');
        query.focus();
      } else {
        showProblem(search, e);
      }
    }
  });

  function reset() {
    fill(work);
    query.value = '';
    clearProblem(search);
    query.focus();
  }

  function showResults(found, typed) {
    if (found.length === 0) {
      showRegistration(typed);
      return;
    }
    const list = h('ul', { class: 'results', 'aria-label': '找到的居民' }, found.map((r) => h('li', { class: 'person' },
      h('div', {},
        h('div', { class: 'name' }, r.name),
        h('div', { class: 'muted' }, `身份证 ${r.idNumberMasked || '已删除'} · 电话 ${r.phoneMasked || '无'} · ${r.age} 岁`),
        h('div', {}, `${villageName(r.villageId)}${r.group ? ` ${r.group}` : ''} · ${r.address}`)),
      h('button', { type: 'button', class: 'primary', onclick: () => showBooking(r) }, `为${r.name}预约`))));
    fill(work, h('section', { class: 'panel' }, h('h2', {}, `找到 ${found.length} 位居民`), list));
    list.querySelector('button').focus();
  }

  function showRegistration(typed, notice) {
    const inputs = {
      idNumber: h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', value: typed.idNumber || '' }),
      name: h('input', { type: 'text', autocomplete: 'off' }),
      phone: h('input', { type: 'tel', autocomplete: 'off', value: typed.phone || '' }),
      villageId: select([['', '请选择村'], ...villages.map((v) => [v.id, v.name])], ''),
      group: h('input', { type: 'text', autocomplete: 'off' }),
      address: h('input', { type: 'text', autocomplete: 'off' }),
      notes: h('textarea', { rows: 2 }),
    };
    const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'register-title' },
      h('h2', { id: 'register-title' }, '未找到此居民，请登记'),
      notice ? h('p', { class: 'alert info' }, notice) : null,
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('div', { class: 'row' },
        field('身份证号', inputs.idNumber, { name: 'idNumber' }),
        field('姓名', inputs.name, { name: 'name' })),
      h('div', { class: 'row' },
        field('手机号或固定电话', inputs.phone, { name: 'phone' }),
        field('村', inputs.villageId, { name: 'villageId' }),
        field('组', inputs.group, { name: 'group', hint: '可不填' })),
      field('地址', inputs.address, { name: 'address' }),
      field('备注', inputs.notes, { name: 'notes', hint: '行动不便、需家属陪同等' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, '登记并预约'),
        h('button', { type: 'button', onclick: reset }, '取消')));
    submitOnEnter(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {};
      for (const [key, control] of Object.entries(inputs)) {
        const value = control.value.trim();
        if (value) body[key] = value;
      }
      await busy(form, async () => {
        try {
          const resident = await api('POST', '/api/v1/residents', { body });
          showBooking(resident, { notice: `已登记${resident.name}。` });
        } catch (e) {
          if (e instanceof ApiProblem && e.type === 'resident-exists' && e.problem.existingId) {
            const resident = await api('GET', `/api/v1/residents/${e.problem.existingId}`);
            showBooking(resident, { notice: '此身份证号的居民已登记，已为您打开。' });
          } else {
            focusFirst(showProblem(form, e));
          }
        }
      });
    });
    fill(work, form);
    (typed.idNumber ? inputs.name : inputs.idNumber).focus();
  }

  // A resident tells the operator that their phone, address or name on record is wrong: corrected here, and
  // the team holding their visit sees it on the tablet with its next sync.
  function showCorrection(resident, previous) {
    const inputs = {
      name: h('input', { type: 'text', autocomplete: 'off', value: resident.name }),
      phone: h('input', { type: 'tel', autocomplete: 'off', placeholder: resident.phoneMasked || '' }),
      villageId: select(villages.map((v) => [v.id, v.name]), resident.villageId),
      group: h('input', { type: 'text', autocomplete: 'off', value: resident.group || '' }),
      address: h('input', { type: 'text', autocomplete: 'off', value: resident.address }),
    };
    // a new address: ask whether the visits not yet made go there too (the tablets get it at their next sync)
    const moveVisits = h('input', { type: 'checkbox', id: 'move-open-visits', checked: true });
    const moveChoice = h('div', { class: 'field', hidden: true },
      h('label', { for: 'move-open-visits' }, moveVisits, ' 尚未上门的工单也改到新地址（小分队平板同步后即显示）'));
    inputs.address.addEventListener('input', () => {
      moveChoice.hidden = inputs.address.value.trim() === resident.address;
    });
    const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'correct-title' },
      h('h2', { id: 'correct-title' }, `更正${resident.name}的信息`),
      h('p', { class: 'muted' }, `身份证 ${resident.idNumberMasked}：身份证号有误时不能更正，请用正确的号码重新登记。`),
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('div', { class: 'row' },
        field('姓名', inputs.name, { name: 'name' }),
        field('新电话', inputs.phone, { name: 'phone', hint: '不改则留空' })),
      h('div', { class: 'row' },
        field('村', inputs.villageId, { name: 'villageId' }),
        field('组', inputs.group, { name: 'group', hint: '清空即删除' })),
      field('地址', inputs.address, { name: 'address' }),
      moveChoice,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, '保存更正'),
        h('button', { type: 'button', onclick: () => showBooking(resident, { previous }) }, '返回')));
    submitOnEnter(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearProblem(form);
      const body = {
        name: inputs.name.value.trim(),
        villageId: inputs.villageId.value,
        group: inputs.group.value.trim(),
        address: inputs.address.value.trim(),
      };
      if (inputs.phone.value.trim()) body.phone = inputs.phone.value.trim();
      if (body.address !== resident.address) body.moveOpenVisits = moveVisits.checked;
      await busy(form, async () => {
        try {
          const { data: corrected, response } = await api('PATCH', `/api/v1/residents/${resident.id}`,
            { body, headers: { 'If-Match': `"${resident.version}"` }, withResponse: true });
          const moved = Number(response.headers.get('Doorstep-Visits-Moved') || 0);
          showBooking(corrected, { previous,
            notice: `已更正${corrected.name}的信息。${moved ? `${moved} 张工单已改到新地址。` : ''}` });
        } catch (e) {
          focusFirst(showProblem(form, e));
        }
      });
    });
    fill(work, form);
    inputs.name.focus();
  }

  function showRightsRequest(resident, previous) {
    const form = rightsRequestForm(resident, (recorded) => {
      const notice = `已记录${resident.name}的申请，办理期限 ${fmt.dateTime(recorded.dueAt)}。`;
      if (recorded.kind === 'CONSENT_WITHDRAWAL') showWithdrawal(resident, recorded, notice, previous);
      else showBooking(resident, { previous, notice });
    });
    form.querySelector('.actions').append(h('button', { type: 'button', onclick: () => showBooking(resident, { previous }) }, '返回'));
    fill(work, form);
    form.querySelector('select').focus();
  }

  // A withdrawal of consent is carried out at once, on the request just recorded, while the resident is on the line.
  function showWithdrawal(resident, recorded, notice, previous) {
    const panel = h('section', { class: 'panel', 'aria-labelledby': 'withdraw-title' },
      h('h2', { id: 'withdraw-title' }, `撤回${resident.name}的人脸采集同意`),
      notice ? h('p', { class: 'alert ok' }, notice) : null,
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('p', {}, '撤回后，其人脸照片立即从存储中删除，下次采集前须重新取得同意。此前已办结的事项不受影响。'));
    const withdraw = h('button', { type: 'button', class: 'primary' }, '撤回同意');
    withdraw.addEventListener('click', () => busy(panel, async () => {
      clearProblem(panel);
      try {
        const done = await api('POST', `/api/v1/residents/${resident.id}/consent-withdrawals`,
          { body: { purpose: 'BIOMETRIC_CAPTURE', requestId: recorded.id } });
        showBooking(resident, { previous, notice: `已撤回${resident.name}的人脸采集同意：删除人脸照片 ${done.faceImagesDeleted} 张，申请已办结。` });
      } catch (e) {
        focusFirst(showProblem(panel, e));
      }
    }));
    panel.append(h('div', { class: 'actions' }, withdraw,
      h('button', { type: 'button', onclick: () => showBooking(resident, { previous, notice: notice || undefined }) }, '稍后办理')));
    fill(work, panel);
    withdraw.focus();
  }

  function showBooking(resident, { notice, previous } = {}) {
    const inputs = {
      serviceTypeCode: select([['', '请选择事项'], ...services.map((s) => [s.code, s.name])], previous ? previous.serviceType.code : ''),
      channel: select(Object.entries(CHANNEL), 'HOTLINE_12345'),
      callerName: h('input', { type: 'text', autocomplete: 'off' }),
      callerRelation: select(Object.entries(RELATION).filter(([code]) => code !== 'SELF'), 'CHILD'),
      callerPhone: h('input', { type: 'tel', autocomplete: 'off' }),
      preferredDate: h('input', { type: 'date', value: fmt.today(1), min: fmt.today() }),
      address: h('input', { type: 'text', autocomplete: 'off', placeholder: resident.address }),
      notes: h('textarea', { rows: 2 }),
    };
    const caller = choices('来电人', 'callerKind', [['SELF', `${resident.name}本人`], ['PROXY', '他人代为来电']], 'SELF');
    const proxy = h('div', { class: 'row', hidden: true },
      field('来电人姓名', inputs.callerName, { name: 'caller.name' }),
      field('与居民关系', inputs.callerRelation, { name: 'caller.relation' }),
      field('来电人电话', inputs.callerPhone, { name: 'caller.phone' }));
    caller.addEventListener('change', () => {
      proxy.hidden = checked(form, 'callerKind') !== 'PROXY';
      if (!proxy.hidden) inputs.callerName.focus();
    });
    const period = choices('希望的时段', 'preferredPeriod', Object.entries(PERIOD), 'ANY');
    // a withdrawal of consent recorded earlier and not carried out yet is offered again here
    const pendingWithdrawal = h('div', { hidden: true });
    api('GET', `/api/v1/residents/${resident.id}/rights-requests`).then((requests) => {
      const open = requests.find((r) => r.kind === 'CONSENT_WITHDRAWAL' && r.status === 'OPEN');
      if (!open) return;
      fill(pendingWithdrawal, h('p', { class: 'alert info' }, `${resident.name}有一件撤回人脸采集同意的申请尚未办理（期限 ${fmt.dateTime(open.dueAt)}）。`,
        h('button', { type: 'button', onclick: () => showWithdrawal(resident, open, '', previous) }, '撤回同意…')));
      pendingWithdrawal.hidden = false;
    }).catch(() => {});
    const form = h('form', { class: 'panel', novalidate: true, 'aria-labelledby': 'book-title' },
      h('h2', { id: 'book-title' }, previous ? `重新预约：${resident.name}` : `为${resident.name}预约上门`),
      notice ? h('p', { class: 'alert ok' }, notice) : null,
      previous ? h('p', { class: 'alert info' }, `重新预约未办成的工单 ${previous.ticketNumber}。`) : null,
      residentFacts(resident, villageName),
      h('div', { class: 'actions resident-actions' },
        h('button', { type: 'button', onclick: () => showCorrection(resident, previous) }, '更正居民信息'),
        h('button', { type: 'button', onclick: () => showRightsRequest(resident, previous) }, '个人信息权利申请')),
      pendingWithdrawal,
      h('div', { class: 'alert form-alert', role: 'alert', hidden: true }),
      h('div', { class: 'row' },
        field('事项', inputs.serviceTypeCode, { name: 'serviceTypeCode' }),
        field('受理渠道', inputs.channel, { name: 'channel' })),
      caller,
      proxy,
      h('div', { class: 'row' },
        field('希望上门日期', inputs.preferredDate, { name: 'preferredDate' }),
        h('div', { class: 'field' }, period)),
      field('上门地址', inputs.address, { name: 'address', hint: '不填则为居民登记的地址' }),
      field('备注', inputs.notes, { name: 'notes', hint: '如：术后卧床；院里有狗；走东边侧门' }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, '下一步：核对'),
        h('button', { type: 'button', onclick: reset }, '取消')));
    submitOnEnter(form);
    const confirmBox = h('section', { class: 'panel', hidden: true, 'aria-labelledby': 'confirm-title', tabindex: '-1' });
    let lastBody = null;
    let key = null;

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearProblem(form);
      const proxyCall = checked(form, 'callerKind') === 'PROXY';
      const body = {
        residentId: resident.id,
        serviceTypeCode: inputs.serviceTypeCode.value || null,
        channel: inputs.channel.value,
        caller: proxyCall
          ? { name: inputs.callerName.value.trim(), relation: inputs.callerRelation.value, phone: inputs.callerPhone.value.trim() }
          : { relation: 'SELF' },
        preferredDate: inputs.preferredDate.value || null,
        preferredPeriod: checked(form, 'preferredPeriod'),
      };
      if (inputs.address.value.trim()) body.address = inputs.address.value.trim();
      if (inputs.notes.value.trim()) body.notes = inputs.notes.value.trim();
      if (previous) body.previousVisitId = previous.id;
      if (JSON.stringify(body) !== lastBody) {
        lastBody = JSON.stringify(body);
        key = idempotencyKey();
      }
      showConfirm(body, proxyCall);
    });

    function showConfirm(body, proxyCall) {
      const service = services.find((s) => s.code === body.serviceTypeCode);
      const confirm = h('button', { type: 'button', class: 'primary' }, '确认预约');
      const back = h('button', { type: 'button' }, '返回修改');
      const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
      fill(confirmBox,
        h('h2', { id: 'confirm-title' }, '请与来电人核对'),
        h('dl', { class: 'facts' },
          h('dt', {}, '居民'), h('dd', {}, `${resident.name}（${resident.idNumberMasked || '已删除'}）`),
          h('dt', {}, '事项'), h('dd', {}, service ? service.name : '（未选择）'),
          h('dt', {}, '来电人'), h('dd', {}, proxyCall
            ? `${body.caller.name || '（未填）'}，${name(RELATION, body.caller.relation)}，${body.caller.phone || '（未填电话）'}`
            : `${resident.name}本人`),
          h('dt', {}, '渠道'), h('dd', {}, name(CHANNEL, body.channel)),
          h('dt', {}, '希望上门'), h('dd', {}, `${body.preferredDate ? fmt.date(body.preferredDate) : '（未填）'} ${name(PERIOD, body.preferredPeriod)}`),
          h('dt', {}, '地址'), h('dd', {}, body.address || resident.address),
          body.notes ? [h('dt', {}, '备注'), h('dd', {}, body.notes)] : null),
        h('section', { class: 'notice', 'aria-labelledby': 'notice-title' },
          h('h3', { id: 'notice-title' }, `请向来电人宣读告知（第 ${bookingNotice.version} 版）`),
          h('p', {}, bookingNotice.text)),
        alert,
        h('div', { class: 'actions' }, confirm, back));
      back.addEventListener('click', () => {
        confirmBox.hidden = true;
        form.hidden = false;
        inputs.serviceTypeCode.focus();
      });
      confirm.addEventListener('click', async () => {
        if (confirm.disabled) return;
        confirm.disabled = true;
        back.disabled = true;
        try {
          const visit = await api('POST', '/api/v1/visits', { body, headers: { 'Idempotency-Key': key } });
          showBooked(resident, visit);
        } catch (e) {
          confirm.disabled = false;
          back.disabled = false;
          if (e instanceof ApiProblem && e.status === 400) {
            confirmBox.hidden = true;
            form.hidden = false;
            focusFirst(showProblem(form, e));
            return;
          }
          alert.replaceChildren(e instanceof ApiProblem ? e.message : '无法连接服务器，请重试。');
          if (e instanceof ApiProblem && e.problem.existingId) {
            alert.append(' ', h('a', { href: `#/visits/${e.problem.existingId}` }, `查看工单 ${e.problem.existingTicket}`));
          }
          alert.hidden = false;
          alert.setAttribute('tabindex', '-1');
          alert.focus();
        }
      });
      form.hidden = true;
      confirmBox.hidden = false;
      confirm.focus();
    }

    fill(work, form, confirmBox);
    inputs.serviceTypeCode.focus();
  }

  function showBooked(resident, visit) {
    const readback = h('p', { class: 'readback', tabindex: '-1' },
      `已为${resident.name}受理“${visit.serviceType.name}”，工单号 ${visit.ticketNumber}。`,
      `我们会在 ${fmt.day(visit.dueAt)} ${fmt.time(visit.dueAt)} 前上门办理。`);
    const slots = h('div', { 'aria-live': 'polite' }, h('p', { class: 'loading' }, '正在查找最早可上门的时间…'));
    const next = h('button', { type: 'button', class: 'primary', onclick: reset }, '受理下一位来电');
    fill(work, h('section', { class: 'panel', 'aria-labelledby': 'booked-title' },
      h('h2', { id: 'booked-title' }, '预约成功'),
      h('p', { class: 'ticket' }, `工单号 ${visit.ticketNumber}`),
      readback,
      h('h3', {}, '可以告诉来电人的上门时间'),
      slots,
      h('div', { class: 'actions' }, next, h('a', { href: `#/visits/${visit.id}` }, '查看工单'))));
    readback.focus();
    api('POST', '/api/v1/dispatch/recommendations', { body: { visitId: visit.id, limit: 3 } }).then((answer) => {
      if (!answer.options.length) {
        fill(slots, h('p', {}, '暂时没有合适的时段，调度员会尽快安排并通知居民。'));
        return;
      }
      fill(slots, h('ul', { class: 'slots' }, answer.options.map((o) => h('li', {},
        `${fmt.day(o.start)} ${fmt.time(o.start)}–${fmt.time(o.end)}，${o.teamName}`,
        o.withinPreferredPeriod ? '' : h('span', { class: 'muted' }, '（不在希望的时段内）')))),
      h('p', { class: 'muted' }, '以上为目前最早可安排的时间，以调度员最终安排为准。'));
    }).catch(() => fill(slots, h('p', { class: 'muted' }, '暂时无法估计上门时间，调度员会尽快安排。')));
  }

  const rebook = ctx.query.get('rebook');
  if (rebook) {
    const previous = await api('GET', `/api/v1/visits/${rebook}`);
    const resident = await api('GET', `/api/v1/residents/${previous.resident.id}`);
    showBooking(resident, { previous });
  } else {
    query.focus();
  }
}

function residentFacts(resident, villageName) {
  return h('dl', { class: 'facts' },
    h('dt', {}, '身份证'), h('dd', {}, resident.idNumberMasked || '已删除'),
    h('dt', {}, '电话'), h('dd', {}, resident.phoneMasked || '无'),
    h('dt', {}, '住址'), h('dd', {}, `${villageName(resident.villageId)}${resident.group ? ` ${resident.group}` : ''} ${resident.address}`),
    resident.notes ? [h('dt', {}, '备注'), h('dd', {}, resident.notes)] : null);
}
