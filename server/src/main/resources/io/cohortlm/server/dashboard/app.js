/*
 * CohortLM dashboard. Plain JS, no build step; talks to the JSON API described in docs/serve.md (and /openapi.json).
 * Runs under a strict CSP (script-src 'self'; style-src 'self'): no inline scripts or style attributes in
 * HTML strings, no eval. All data is written with textContent; ECharts draws into canvas and its tooltips
 * use renderMode 'richText' (canvas too), so no response text is ever parsed as HTML.
 */
'use strict';

(() => {
  const KEY_STORE = 'cohortlm.apiKey';
  const ECHARTS_PATH = '/webjars/echarts/5.3.1/dist/echarts.min.js';
  const PALETTE = ['#3b6fb6', '#e8833a', '#3fa36b', '#d9534f', '#8e6cc0', '#1fa3a8', '#c9a227', '#d46aa6',
    '#7a8b3a', '#5a6f8f', '#b5651d', '#4c9be8', '#9b3d6e', '#2e7d5b', '#a05195', '#6b8e23'];
  const OUTLIER_COLOR = '#b8bec7';
  const OTHER_COLOR = '#8792a6';
  const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", ' +
    '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
  const NUM = new Intl.NumberFormat('en-US');

  const state = { segments: [], byId: new Map(), charts: {}, minSize: null, detailSeq: 0, lookupSeq: 0, loadSeq: 0 };
  const $ = (id) => document.getElementById(id);

  // ---------- API ----------

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  function apiKey() {
    return sessionStorage.getItem(KEY_STORE) || '';
  }

  /** Calls the API; resolves to the parsed JSON body, rejects with ApiError carrying the JSON error message. */
  async function api(path, { method = 'GET', body, auth = true } = {}) {
    const headers = { Accept: 'application/json' };
    if (auth && apiKey()) headers['X-API-Key'] = apiKey();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store', credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, 'network', 'The service is unreachable (' + e.message + ')');
    }
    const text = await res.text();
    let json = null;
    if (text) {
      try { json = JSON.parse(text); } catch (e) { json = null; }
    }
    if (!res.ok) {
      const e = json && json.error ? json.error : {};
      const err = new ApiError(res.status, e.code || 'http_' + res.status,
        e.message || ('HTTP ' + res.status + (res.statusText ? ' ' + res.statusText : '')));
      if (res.status === 401) askForKey(err);
      throw err;
    }
    if (json === null) throw new ApiError(res.status, 'bad_response', 'The service answered with something other than JSON');
    return json;
  }

  // ---------- DOM helpers (text only, never innerHTML with data) ----------

  function el(tag, opts = {}, children = []) {
    const node = document.createElement(tag);
    if (opts.cls) node.className = opts.cls;
    if (opts.text !== undefined && opts.text !== null) node.textContent = String(opts.text);
    if (opts.attrs) for (const [k, v] of Object.entries(opts.attrs)) node.setAttribute(k, String(v));
    for (const c of children) if (c) node.append(c);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function pct(x, digits = 1) {
    return typeof x === 'number' && isFinite(x) ? (x * 100).toFixed(digits) + '%' : '–';
  }

  function num(x, digits = 2) {
    if (typeof x !== 'number' || !isFinite(x)) return '–';
    return Number.isInteger(x) ? NUM.format(x) : x.toFixed(digits);
  }

  function setStatus(kind, text) {
    const s = $('status');
    s.className = 'status status-' + kind;
    s.textContent = text;
  }

  function showError(node, err) {
    clear(node);
    node.append(el('span', { cls: 'error-message', text: err.message }));
    if (err.code) node.append(el('span', { cls: 'error-code', text: err.code + (err.status ? ' · HTTP ' + err.status : '') }));
    node.hidden = false;
  }

  function segmentColor(id) {
    if (id === -1) return OUTLIER_COLOR;
    if (id === -2) return OTHER_COLOR;
    const s = state.byId.get(id);
    return s ? s.color : OUTLIER_COLOR;
  }

  function segmentLabel(id, name) {
    if (id === -1) return 'Outlier (no segment)';
    const s = state.byId.get(id);
    return name || (s ? s.name : 'Segment ' + id);
  }

  function swatch(id) {
    const sw = el('span', { cls: 'swatch', attrs: { 'aria-hidden': 'true' } });
    sw.style.backgroundColor = segmentColor(id);
    return sw;
  }

  function chips(words) {
    const box = el('div', { cls: 'chips' });
    for (const w of words || []) box.append(el('span', { cls: 'chip', text: w }));
    if (!box.childNodes.length) box.append(el('span', { cls: 'muted', text: 'None' }));
    return box;
  }

  function table(headers, rows, numericFrom = 1) {
    const t = el('table', { cls: 'data' });
    const tr = el('tr');
    headers.forEach((h, i) => tr.append(el('th', { text: h, cls: i >= numericFrom ? 'num' : '' })));
    t.append(el('thead', {}, [tr]));
    const tb = el('tbody');
    for (const r of rows) {
      const row = el('tr');
      r.forEach((c, i) => {
        const td = el('td', { cls: i >= numericFrom ? 'num' : '' });
        if (c instanceof Node) td.append(c); else td.textContent = c;
        row.append(td);
      });
      tb.append(row);
    }
    t.append(tb);
    return el('div', { cls: 'table-wrap' }, [t]);
  }

  // ---------- charts ----------

  function chart(id) {
    if (!window.echarts) return null;
    if (!state.charts[id]) state.charts[id] = window.echarts.init($(id), null, { renderer: 'canvas' });
    return state.charts[id];
  }

  const BASE = {
    textStyle: { fontFamily: FONT },
    animationDuration: 400,
    tooltip: { renderMode: 'richText', confine: true, backgroundColor: 'rgba(32,39,51,0.92)', borderWidth: 0,
      textStyle: { color: '#fff', fontFamily: FONT, fontSize: 12 } },
  };

  function renderMap(points) {
    const groups = new Map();
    for (const p of points) {
      if (!Array.isArray(p) || p.length < 3) continue;
      const id = p[2];
      if (!groups.has(id)) groups.set(id, []);
      groups.get(id).push([p[0], p[1]]);
    }
    const order = state.segments.map((s) => s.id).filter((id) => groups.has(id));
    for (const id of groups.keys()) if (!order.includes(id)) order.push(id);
    order.sort((a, b) => (a < 0) - (b < 0)); // outliers last, drawn on top of nothing important
    const drawn = points.length;
    const size = drawn > 5000 ? 3 : drawn > 1500 ? 4 : 6;
    const used = new Set();
    const series = order.map((id) => {
      let name = segmentLabel(id);
      if (used.has(name)) name += ' #' + id;
      used.add(name);
      const data = groups.get(id);
      return { type: 'scatter', name, segmentId: id, data, symbolSize: size, large: data.length > 2000,
        itemStyle: { color: segmentColor(id), opacity: id === -1 ? 0.55 : 0.78 },
        emphasis: { focus: 'series' } };
    });
    const c = chart('map');
    if (!c) return;
    c.setOption(Object.assign({}, BASE, {
      color: series.map((s) => s.itemStyle.color),
      legend: { type: 'scroll', bottom: 0, left: 0, right: 0, itemWidth: 10, itemHeight: 10, icon: 'circle',
        textStyle: { fontFamily: FONT, color: '#3c4656' },
        formatter: (n) => (n.length > 34 ? n.slice(0, 33) + '…' : n) },
      toolbox: { right: 4, top: 0, itemSize: 14, feature: { dataZoom: { title: { zoom: 'Box zoom', back: 'Undo zoom' } },
        restore: { title: 'Reset' } } },
      grid: { left: 8, right: 8, top: 30, bottom: 30, containLabel: false },
      xAxis: { type: 'value', scale: true, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { show: false },
        splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'value', scale: true, axisLabel: { show: false }, axisTick: { show: false }, axisLine: { show: false },
        splitLine: { lineStyle: { color: '#eef1f5' } } },
      dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }, { type: 'inside', yAxisIndex: 0, filterMode: 'none' }],
      tooltip: Object.assign({}, BASE.tooltip, { trigger: 'item',
        formatter: (p) => p.seriesName + '\n(' + num(p.value[0]) + ', ' + num(p.value[1]) + ')' }),
      series,
    }), true);
    c.off('click');
    c.on('click', (p) => {
      const s = series[p.seriesIndex];
      if (s && s.segmentId >= 0) selectSegment(s.segmentId);
    });
    $('map').setAttribute('data-points', String(drawn));
  }

  function renderSizes() {
    const segs = state.segments.slice().reverse(); // largest at the top of a horizontal bar chart
    const c = chart('sizes');
    if (!c) return;
    c.setOption(Object.assign({}, BASE, {
      grid: { left: 8, right: 78, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { color: '#6b7687' }, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: { type: 'category', data: segs.map((s) => s.name), axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cfd6df' } },
        axisLabel: { width: 150, overflow: 'truncate', color: '#3c4656', fontFamily: FONT } },
      tooltip: Object.assign({}, BASE.tooltip, { trigger: 'item',
        formatter: (p) => segs[p.dataIndex].name + '\n' + NUM.format(segs[p.dataIndex].size) + ' users · ' +
          pct(segs[p.dataIndex].share) + (segs[p.dataIndex].withheld ? ' · withheld' : '') }),
      series: [{ type: 'bar', barMaxWidth: 22,
        data: segs.map((s) => ({ value: s.size, itemStyle: { color: s.color, borderRadius: [0, 3, 3, 0],
          opacity: s.withheld ? 0.55 : 1 } })),
        label: { show: true, position: 'right', color: '#3c4656', fontFamily: FONT,
          formatter: (p) => NUM.format(segs[p.dataIndex].size) + ' · ' + pct(segs[p.dataIndex].share, 0) } }],
    }), true);
    c.off('click');
    c.on('click', (p) => selectSegment(segs[p.dataIndex].id));
  }

  function renderEvaluation(summary) {
    const section = $('evaluation');
    const all = (summary.protocols || []).filter((p) => p.cohort === 'all');
    section.hidden = false;
    const tableBox = $('evaluation-table');
    clear(tableBox);
    if (!all.length) {
      $('evaluation-chart').hidden = true;
      tableBox.append(el('p', { cls: 'muted', text: 'The evaluation summary has no results for cohort “all”.' }));
      return;
    }
    $('evaluation-chart').hidden = false;
    const methods = [];
    for (const p of all) for (const r of p.results || []) if (!methods.includes(r.method)) methods.push(r.method);
    const protocols = all.map((p) => p.protocol);
    const value = (p, m, key) => {
      const r = (p.results || []).find((x) => x.method === m);
      return r && typeof r[key] === 'number' ? r[key] : null;
    };
    const c = chart('evaluation-chart');
    if (c) {
      c.resize(); // the container may have been hidden (zero-sized) when the chart was created
      c.setOption(Object.assign({}, BASE, {
        color: PALETTE,
        legend: { top: 0, textStyle: { fontFamily: FONT, color: '#3c4656' } },
        grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: protocols, axisTick: { show: false }, axisLabel: { color: '#3c4656', fontSize: 13 } },
        yAxis: { type: 'value', name: 'NDCG@10', nameTextStyle: { color: '#6b7687' }, axisLabel: { color: '#6b7687' },
          splitLine: { lineStyle: { color: '#eef1f5' } } },
        tooltip: Object.assign({}, BASE.tooltip, { trigger: 'item',
          formatter: (p) => p.seriesName + ' · ' + p.name + '\nNDCG@10 ' + num(p.value, 4) }),
        series: methods.map((m) => ({ type: 'bar', name: m, barMaxWidth: 28,
          data: all.map((p) => value(p, m, 'ndcg@10')),
          label: { show: true, position: 'top', fontSize: 10, color: '#6b7687', formatter: (p) => num(p.value, 3) } })),
      }), true);
    }
    const rows = [];
    for (const p of all) {
      const best = Math.max(...methods.map((m) => value(p, m, 'ndcg@10') ?? -Infinity));
      for (const m of methods) {
        const r = (p.results || []).find((x) => x.method === m);
        if (!r) continue;
        const name = el('span', { text: m, cls: r['ndcg@10'] === best ? 'best' : '' });
        rows.push([p.protocol, name, num(r['ndcg@10'], 4), num(r['recall@10'], 4), num(r['hit@10'], 4),
          num(r['mrr@10'], 4), num(r.users)]);
      }
    }
    tableBox.append(table(['Protocol', 'Method', 'NDCG@10', 'Recall@10', 'Hit@10', 'MRR@10', 'Users'], rows, 2));
  }

  // ---------- segments ----------

  function renderCards() {
    const box = $('segment-cards');
    clear(box);
    for (const s of state.segments) {
      const card = el('button', { cls: 'segment-card' + (s.withheld ? ' withheld' : ''),
        attrs: { type: 'button', 'data-segment': s.id, 'aria-pressed': 'false' } });
      card.style.borderTopColor = s.color;
      const head = el('div', { cls: 'card-head' }, [swatch(s.id), el('span', { cls: 'card-name', text: s.name })]);
      const meta = el('div', { cls: 'card-meta' }, [
        el('span', { text: NUM.format(s.size) + ' users' }), el('span', { text: pct(s.share) }),
        s.withheld ? el('span', { cls: 'badge', text: 'withheld' }) : null]);
      card.append(head, meta, el('p', { cls: 'card-desc', text: s.description || '' }));
      if ((s.keywords || []).length) card.append(chips(s.keywords.slice(0, 6)));
      card.addEventListener('click', () => selectSegment(s.id));
      box.append(card);
    }
    if (!state.segments.length) box.append(el('p', { cls: 'muted', text: 'The model has no segments.' }));
  }

  async function selectSegment(id) {
    const seq = ++state.detailSeq;
    for (const c of document.querySelectorAll('.segment-card')) {
      c.setAttribute('aria-pressed', String(c.getAttribute('data-segment') === String(id)));
    }
    const box = $('segment-detail');
    box.hidden = false;
    box.removeAttribute('data-segment');
    clear(box);
    const s = state.byId.get(id);
    if (s && s.withheld) {
      box.append(el('h3', { text: s.name }), el('p', { cls: 'muted', text: 'Details are withheld for segments below ' +
        'the minimum size' + (state.minSize ? ' (' + state.minSize + ' users)' : '') + '.' }));
      box.setAttribute('data-segment', String(id));
      return;
    }
    box.append(el('p', { cls: 'muted', text: 'Loading segment…' }));
    try {
      const d = await api('/v1/segments/' + encodeURIComponent(id));
      if (seq !== state.detailSeq) return;
      clear(box);
      renderDetail(box, d);
      box.setAttribute('data-segment', String(d.id));
      if (box.scrollIntoView) box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } catch (e) {
      if (seq !== state.detailSeq) return;
      clear(box);
      const err = el('div', { cls: 'error' });
      showError(err, e);
      box.append(err);
    }
  }

  function renderDetail(box, d) {
    const persona = d.persona || {};
    const head = el('div', { cls: 'detail-head' }, [swatch(d.id), el('h3', { text: d.name }),
      el('span', { cls: 'muted', text: NUM.format(d.size) + ' users · ' + pct(d.share) + ' · key ' + d.key + ' · id ' + d.id })]);
    const personaBox = el('div', { cls: 'persona' }, [
      el('div', { cls: 'persona-name' }, [el('span', { text: persona.name || d.name }),
        persona.source ? el('span', { cls: 'badge', text: persona.source }) : null,
        typeof persona.faithfulness === 'number' ? el('span', { cls: 'badge', text: 'faithfulness ' + pct(persona.faithfulness, 0) }) : null]),
      el('p', { cls: 'persona-desc', text: persona.description || d.description || '' })]);
    if (d.propensity && typeof d.propensity.active === 'number') {
      personaBox.append(el('p', { cls: 'muted', text: 'Active next period: ' + pct(d.propensity.active, 0) +
        ((d.propensity.phrases || []).length ? ' · ' + d.propensity.phrases.join(', ') : '') }));
    }
    const dist = d.distinguishing || [];
    const distRows = dist.map((f) => {
      const share = [f.segment_value, f.population_value].every((v) => typeof v === 'number' && v >= 0 && v <= 1);
      const fmt = (v) => (share ? pct(v, 0) : num(v));
      return [f.feature, fmt(f.segment_value), fmt(f.population_value), num(f.lift), fmtQ(f.q_value)];
    });
    const items = (d.top_items || []).map((i) => [i.item, i.title || '', pct(i.share), num(i.lift)]);
    const rules = el('ul', { cls: 'rules' });
    for (const r of d.rules || []) {
      rules.append(el('li', {}, [el('code', { text: r.text }),
        el('span', { cls: 'muted', text: ' precision ' + pct(r.precision, 0) + ' · coverage ' + pct(r.coverage, 0) })]));
    }
    if (!rules.childNodes.length) rules.append(el('li', { cls: 'muted', text: 'None' }));
    const col = (title, body) => el('div', { cls: 'detail-block' }, [el('h4', { text: title }), body]);
    box.append(head, personaBox, el('div', { cls: 'detail-grid' }, [
      col('Distinguishing features', dist.length ? table(['Feature', 'Segment', 'All', 'Lift', 'q'], distRows)
        : el('p', { cls: 'muted', text: 'None significant' })),
      col('Top items', items.length ? table(['Item', 'Title', 'Share', 'Lift'], items, 2) : el('p', { cls: 'muted', text: 'None' })),
      col('Keywords', chips(d.keywords)),
      col('Rules', rules)]));
  }

  function fmtQ(q) {
    if (typeof q !== 'number') return '–';
    return q < 0.001 ? q.toExponential(1) : q.toFixed(3);
  }

  // ---------- user lookup and new-user assignment ----------

  function renderAssignment(box, seg, recs, recsError, extra) {
    clear(box);
    const facts = el('dl', { cls: 'facts' });
    const fact = (k, v, wide) => facts.append(el('div', { cls: wide ? 'wide' : '' }, [el('dt', { text: k }), v instanceof Node ? el('dd', {}, [v]) : el('dd', { text: v })]));
    if (seg.user) fact('User', el('code', { cls: 'user-id', text: seg.user }));
    fact('Segment', el('span', { cls: 'seg-name' }, [swatch(seg.segment),
      el('span', { text: segmentLabel(seg.segment, seg.segment_name) + ' (#' + seg.segment + ')' })]), true);
    fact('Confidence', pct(seg.confidence, 0));
    if (seg.runner_up !== undefined && seg.runner_up !== null && seg.runner_up !== -1) {
      fact('Runner-up', el('span', { cls: 'seg-name' }, [swatch(seg.runner_up),
        el('span', { text: segmentLabel(seg.runner_up, seg.runner_up_name) + ' (#' + seg.runner_up + ')' })]), true);
    }
    if (typeof seg.distance === 'number') fact('Distance', num(seg.distance));
    if (typeof seg.events === 'number') fact('Events', NUM.format(seg.events));
    if (seg.outlier) fact('Outlier', 'yes — far from every segment');
    for (const [k, v] of extra || []) fact(k, v);
    const reasons = el('ul', { cls: 'reasons' });
    for (const r of seg.reasons || []) reasons.append(el('li', { cls: 'reason', text: r }));
    if (!reasons.childNodes.length) reasons.append(el('li', { cls: 'muted', text: 'No reasons given' }));
    const recList = el('ol', { cls: 'recs' });
    for (const r of recs || []) {
      recList.append(el('li', { cls: 'rec' }, [
        el('div', { cls: 'rec-line' }, [el('span', { cls: 'rec-title', text: r.title || r.item }),
          el('span', { cls: 'rec-score', text: num(r.score) })]),
        el('div', { cls: 'rec-sub' }, [el('code', { text: r.item }), r.reason ? el('span', { cls: 'rec-reason', text: r.reason }) : null])]));
    }
    const recBlock = el('div', { cls: 'result-block' }, [el('h4', { text: 'Recommendations' })]);
    if (recsError) {
      const e = el('div', { cls: 'error' });
      showError(e, recsError);
      recBlock.append(e);
    } else if (!recList.childNodes.length) {
      recBlock.append(el('p', { cls: 'muted', text: 'No recommendations' }));
    } else {
      recBlock.append(recList);
    }
    box.append(facts, el('div', { cls: 'result-cols' }, [
      el('div', { cls: 'result-block' }, [el('h4', { text: 'Why this segment' }), reasons]), recBlock]));
    box.setAttribute('data-segment', String(seg.segment));
    box.hidden = false;
  }

  async function lookup(ev) {
    ev.preventDefault();
    const id = $('lookup-input').value.trim();
    const box = $('lookup-result');
    const errBox = $('lookup-error');
    const seq = ++state.lookupSeq;
    box.removeAttribute('data-segment');
    box.hidden = true;
    errBox.hidden = true;
    if (!id) {
      showError(errBox, new ApiError(0, null, 'Enter a user id.'));
      return;
    }
    const btn = $('lookup-button');
    btn.disabled = true;
    try {
      const enc = encodeURIComponent(id);
      let seg;
      try {
        seg = await api('/v1/users/' + enc + '/segment');
      } catch (e) {
        if (seq === state.lookupSeq) showError(errBox, e);
        return;
      }
      let recs = [];
      let recsError = null;
      try {
        recs = (await api('/v1/users/' + enc + '/recommendations?k=10')).items || [];
      } catch (e) {
        recsError = e;
      }
      if (seq !== state.lookupSeq) return;
      renderAssignment(box, seg, recs, recsError);
    } finally {
      btn.disabled = false;
    }
  }

  async function audience(ev) {
    ev.preventDefault();
    const text = $('audience-text').value.trim();
    const box = $('audience-result');
    const errBox = $('audience-error');
    box.removeAttribute('data-segments');
    box.hidden = true;
    errBox.hidden = true;
    if (!text) {
      showError(errBox, new ApiError(0, null, 'Enter a product or campaign text.'));
      return;
    }
    const btn = $('audience-button');
    btn.disabled = true;
    try {
      const r = await api('/v1/audience', { method: 'POST', body: { text, users: 10 } });
      clear(box);
      box.append(el('p', { cls: 'muted', text: num(r.reached, 0) + ' of ' + num(r.scored_users, 0)
        + ' users with a history are reached (affinity ≥ ' + num(r.threshold, 3) + ': ' + r.threshold_reason + ').' }));
      const segs = r.segments || [];
      box.append(table(['Segment', 'Members', 'Reached', 'Mean affinity', 'Lift'], segs.map((s) => {
        const name = el('span', {}, [swatch(s.segment), document.createTextNode(' ' + segmentLabel(s.segment, s.name))]);
        return [name, num(s.size, 0), num(s.reached, 0), num(s.mean_affinity, 3), num(s.lift, 2) + '×'];
      })));
      const users = r.users || [];
      box.append(el('h3', { text: 'Closest users (pseudonymised)' }));
      box.append(table(['User', 'Segment', 'Affinity'], users.map((u) => [u.user,
        u.segment === -2 ? 'withheld (small segment)' : segmentLabel(u.segment), num(u.affinity, 3)])));
      box.setAttribute('data-segments', String(segs.length));
      box.hidden = false;
    } catch (e) {
      showError(errBox, e);
    } finally {
      btn.disabled = false;
    }
  }

  async function assign(ev) {
    ev.preventDefault();
    const text = $('assign-text').value.trim();
    const attrText = $('assign-attributes').value.trim();
    const box = $('assign-result');
    const errBox = $('assign-error');
    box.removeAttribute('data-segment');
    box.hidden = true;
    errBox.hidden = true;
    const body = { k: 10 };
    if (text) body.profile_text = text;
    if (attrText) {
      let attrs;
      try { attrs = JSON.parse(attrText); } catch (e) { attrs = undefined; }
      if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) {
        showError(errBox, new ApiError(0, 'bad_request', 'Attributes must be a JSON object, e.g. {"country": "France"}.'));
        return;
      }
      body.attributes = attrs;
    }
    if (!body.profile_text && !body.attributes) {
      showError(errBox, new ApiError(0, null, 'Enter a profile text or attributes.'));
      return;
    }
    const btn = $('assign-button');
    btn.disabled = true;
    try {
      const r = await api('/v1/assign', { method: 'POST', body });
      const used = r.used || {};
      const extra = [];
      if ((used.attributes || []).length) extra.push(['Attributes used', used.attributes.join(', ')]);
      if ((used.ignored_attributes || []).length) extra.push(['Ignored', used.ignored_attributes.join(', ')]);
      if (typeof r.took_ms === 'number') extra.push(['Took', num(r.took_ms, 1) + ' ms']);
      renderAssignment(box, r, r.recommendations || [], null, extra);
    } catch (e) {
      showError(errBox, e);
    } finally {
      btn.disabled = false;
    }
  }

  // ---------- loading ----------

  function askForKey(err) {
    setStatus('error', 'Enter API key — ' + (apiKey() ? 'the service rejected the key' : 'the service needs a key') +
      ' (401: ' + err.message + '). Type it above and press Connect.');
    document.querySelector('.keyform').classList.add('attention');
  }

  async function loadHealth() {
    try {
      const h = await api('/v1/health', { auth: false });
      const m = h.model || {};
      $('model-id').textContent = m.id || '–';
      $('model-users').textContent = typeof m.users === 'number' ? NUM.format(m.users) : '–';
      $('model-segments').textContent = typeof m.segments === 'number' ? NUM.format(m.segments) : '–';
      $('model-items').textContent = typeof m.items === 'number' ? NUM.format(m.items) : '–';
      $('model-loaded').textContent = m.loaded_at ? m.loaded_at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '–';
      if (m.loaded_at) $('model-loaded').title = m.loaded_at;
    } catch (e) {
      $('model-id').textContent = 'unavailable';
    }
  }

  async function loadAll() {
    const seq = ++state.loadSeq;
    document.body.removeAttribute('data-ready');
    if (!apiKey()) {
      setStatus('warn', 'Enter API key — the dashboard needs the service key (sent as X-API-Key) to load segments.');
      document.querySelector('.keyform').classList.add('attention');
      $('api-key').focus();
      return;
    }
    document.querySelector('.keyform').classList.remove('attention');
    setStatus('info', 'Loading segments and map…');
    if (!window.echarts) setStatus('error', 'The chart library did not load from ' + ECHARTS_PATH + '; charts are unavailable.');
    loadEvaluation(seq);
    try {
      const [segs, map] = await Promise.all([api('/v1/segments'), api('/v1/map?limit=2000')]);
      if (seq !== state.loadSeq) return;
      state.minSize = segs.min_segment_size;
      state.segments = (segs.segments || []).slice().sort((a, b) => b.size - a.size);
      state.byId = new Map();
      let i = 0;
      for (const s of state.segments) {
        s.color = s.id === -2 ? OTHER_COLOR : s.id === -1 ? OUTLIER_COLOR : PALETTE[i++ % PALETTE.length];
        state.byId.set(s.id, s);
      }
      renderCards();
      renderSizes();
      renderMap(map.points || []);
      $('sizes-note').textContent = NUM.format(segs.users) + ' users · minimum ' + segs.min_segment_size;
      const pts = (map.points || []).length;
      $('map-note').textContent = (map.total > pts ? NUM.format(pts) + ' of ' + NUM.format(map.total) + ' users (seeded sample)'
        : NUM.format(pts) + ' users') + ' · scroll to zoom, drag to pan, click a point';
      if (window.echarts) {
        const shown = state.segments.filter((s) => !s.withheld).length;
        const held = state.segments.length - shown;
        setStatus('ok', 'Connected · ' + shown + ' segments' + (held ? ' (+' + held + ' withheld row)' : '') + ' · ' + NUM.format(pts) + ' points on the map');
        document.body.setAttribute('data-ready', 'true');
      }
    } catch (e) {
      if (seq !== state.loadSeq) return;
      if (e.status !== 401) setStatus('error', 'Could not load segments: ' + e.message + (e.code ? ' (' + e.code + ')' : ''));
    }
  }

  async function loadEvaluation(seq) {
    const section = $('evaluation');
    try {
      const summary = await api('/v1/evaluation');
      if (seq !== state.loadSeq) return;
      renderEvaluation(summary);
      section.setAttribute('data-state', 'shown');
    } catch (e) {
      if (seq !== state.loadSeq) return;
      if (e.status === 404 || e.status === 401) { // 404: the bundle has no evaluation; 401: the status bar says why
        section.hidden = true;
        section.setAttribute('data-state', e.status === 404 ? 'absent' : 'unauthorized');
        return;
      }
      section.hidden = false;
      section.setAttribute('data-state', 'error');
      $('evaluation-chart').hidden = true;
      showError($('evaluation-table'), e);
    }
  }

  function keyFromFragment() {
    const hash = window.location.hash;
    if (!hash || hash.length < 2) return false;
    const key = new URLSearchParams(hash.slice(1)).get('key');
    if (key === null) return false;
    if (key.trim()) sessionStorage.setItem(KEY_STORE, key.trim());
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return true;
  }

  function init() {
    keyFromFragment();
    $('api-key').value = apiKey();
    $('key-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const k = $('api-key').value.trim();
      if (k) sessionStorage.setItem(KEY_STORE, k); else sessionStorage.removeItem(KEY_STORE);
      loadAll();
    });
    window.addEventListener('hashchange', () => {
      if (keyFromFragment()) {
        $('api-key').value = apiKey();
        loadAll();
      }
    });
    $('lookup-form').addEventListener('submit', lookup);
    $('assign-form').addEventListener('submit', assign);
    $('audience-form').addEventListener('submit', audience);
    let pending = 0;
    window.addEventListener('resize', () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => Object.values(state.charts).forEach((c) => c.resize()));
    });
    loadHealth();
    loadAll();
  }

  init();
})();
