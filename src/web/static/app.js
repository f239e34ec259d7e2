// zhibiao dashboard: the little behaviour the server-rendered pages need.
// Plain browser JavaScript, no build step. Data comes from
// <script type="application/json"> blocks the server writes.
(function () {
  'use strict';

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // ECharts (1 MB) is fetched only after the page has painted, and only on pages with charts
  var echartsWaiters = null;
  function withEcharts(cb) {
    if (window.echarts) return cb();
    if (echartsWaiters) return echartsWaiters.push(cb);
    echartsWaiters = [cb];
    var src = data('echarts-src') || '/static/echarts.min.js';
    requestAnimationFrame(function () {
      setTimeout(function () {
        var s = document.createElement('script');
        s.src = src;
        s.onload = function () { var w = echartsWaiters; echartsWaiters = []; w.forEach(function (f) { f(); }); };
        document.body.appendChild(s);
      }, 0);
    });
  }

  // data-ready="true" once the first rendering (and its animation) has finished
  function chart(el) {
    var c = echarts.init(el, null, { renderer: 'canvas' });
    window.addEventListener('resize', function () { c.resize(); });
    c.on('finished', function () { el.setAttribute('data-ready', 'true'); });
    return c;
  }

  // ---------------------------------------------------------------- document

  function documentPage() {
    var facts = {};
    (data('doc-facts') || []).forEach(function (f) { facts[f.id] = f; });
    var tip = document.getElementById('tip');
    var banner = document.getElementById('focus');

    function describe(f) {
      return '<b>' + escapeHtml(f.name) + '</b> ' + escapeHtml(f.display) +
        '<br><small>' + escapeHtml(f.region + ' · ' + f.period + ' · ' + f.status + ' · ' + f.measure) + '</small>' +
        '<br><small class="rule">' + escapeHtml(f.rule) + '</small>';
    }

    function idsOf(mark) {
      return (mark.getAttribute('data-facts') || '').split(' ').filter(Boolean);
    }

    document.querySelectorAll('#doc-text mark.fact').forEach(function (m) {
      m.removeAttribute('title');
      m.addEventListener('mouseenter', function () {
        tip.innerHTML = idsOf(m).map(function (id) { return facts[id] ? describe(facts[id]) : ''; }).join('<hr>');
        var r = m.getBoundingClientRect();
        tip.style.left = Math.max(8, Math.min(window.innerWidth - 340, r.left + window.scrollX)) + 'px';
        tip.style.top = (r.bottom + window.scrollY + 6) + 'px';
        tip.hidden = false;
      });
      m.addEventListener('mouseleave', function () { tip.hidden = true; });
    });

    function focus(id) {
      var f = facts[id];
      var text = document.getElementById('doc-text');
      text.querySelectorAll('mark.fact.focus').forEach(function (m) { m.classList.remove('focus'); });
      document.querySelectorAll('.fact-list a.active').forEach(function (a) { a.classList.remove('active'); });
      if (!f) return;
      text.querySelectorAll('mark.fact').forEach(function (m) {
        if (idsOf(m).indexOf(String(id)) >= 0) m.classList.add('focus');
      });
      var item = document.querySelector('.fact-list a[data-goto="' + id + '"]');
      if (item) item.classList.add('active');
      banner.querySelector('.focus-fact').innerHTML = describe(f);
      banner.querySelector('.focus-sentence').innerHTML =
        escapeHtml(f.sentence.before) + '<mark class="fact focus">' + escapeHtml(f.sentence.quote) + '</mark>' + escapeHtml(f.sentence.after);
      banner.hidden = false;
      var anchor = document.getElementById('fact-' + id);
      var target = text.querySelector('mark.fact.focus') || anchor;
      if (target) target.scrollIntoView({ block: 'center' });
    }

    function fromHash() {
      var m = /^#fact-(\d+)$/.exec(location.hash);
      if (m) focus(m[1]);
    }
    window.addEventListener('hashchange', fromHash);
    fromHash();
    reviewControls(facts);
  }

  // ----------------------------------------------------------------- reviews

  var FIELDS = ['indicator', 'measure', 'value', 'value_max', 'unit', 'period', 'status', 'bound', 'scope', 'region'];

  // display units a reviewer may type a value in, per base unit: [label, factor to the base unit]
  var MU = 10000 / 15;
  var SCALES = {
    CNY: [['元', 1], ['万元', 1e4], ['亿元', 1e8]],
    USD: [['美元', 1], ['万美元', 1e4], ['亿美元', 1e8]],
    person: [['人', 1], ['万人', 1e4]],
    person_time: [['人次', 1], ['万人次', 1e4]],
    ton: [['吨', 1], ['万吨', 1e4]],
    m2: [['平方米', 1], ['万平方米', 1e4], ['平方公里', 1e6], ['亩', MU], ['万亩', MU * 1e4]],
    count: [['个', 1], ['万个', 1e4]],
    head: [['头', 1], ['万头', 1e4]],
    kW: [['千瓦', 1], ['万千瓦', 1e4]],
    TEU: [['标箱', 1], ['万标箱', 1e4]],
    m: [['米', 1], ['公里', 1000]],
  };
  // unit words of a selected phrase → base unit and factor (longest first)
  var UNIT_WORDS = [
    ['亿美元', 'USD', 1e8], ['万美元', 'USD', 1e4], ['美元', 'USD', 1], ['亿元', 'CNY', 1e8], ['万元', 'CNY', 1e4], ['元', 'CNY', 1],
    ['万人次', 'person_time', 1e4], ['人次', 'person_time', 1], ['万人', 'person', 1e4], ['人', 'person', 1],
    ['万吨', 'ton', 1e4], ['吨', 'ton', 1], ['万亩', 'm2', MU * 1e4], ['亩', 'm2', MU], ['平方公里', 'm2', 1e6], ['万平方米', 'm2', 1e4], ['平方米', 'm2', 1],
    ['个百分点', 'pp', 1], ['%', '%', 1], ['万千瓦', 'kW', 1e4], ['千瓦', 'kW', 1], ['万标箱', 'TEU', 1e4], ['标箱', 'TEU', 1], ['公里', 'm', 1000],
    ['万头', 'head', 1e4], ['头', 'head', 1], ['家', 'count', 1], ['个', 'count', 1], ['项', 'count', 1], ['户', 'count', 1],
  ];
  function clean(n) { return Number(Number(n).toPrecision(12)); }

  /** Guesses an added fact's fields from the selected words, the text before them and the document's year. */
  function guessFields(quote, before, info) {
    var g = {};
    var words = UNIT_WORDS.map(function (w) { return w[0].replace('%', '%'); }).join('|');
    var m = new RegExp('(-?\\d+(?:\\.\\d+)?)\\s*(' + words + ')').exec(quote);
    if (m) {
      var w = UNIT_WORDS.filter(function (x) { return x[0] === m[2]; })[0];
      g.value = Number(m[1]);
      g.unit = w[1];
      g.factor = w[2];
      var head = quote.slice(0, m.index);
      g.measure = (w[1] === '%' && /增长|增速|下降|同比|提高/.test(head)) ? 'growth' : 'level';
      if (g.measure === 'growth' && /下降/.test(head)) g.value = -g.value;
    }
    var context = before.slice(-60) + quote;
    // the indicator named in the selection (the longest name), else the one named last before it
    var inds = info.indicators || [];
    var best = inds.filter(function (i) { return quote.indexOf(i.name) >= 0; })
      .sort(function (a, b) { return b.name.length - a.name.length; })[0];
    if (!best) {
      best = inds.filter(function (i) { return context.lastIndexOf(i.name) >= 0; })
        .sort(function (a, b) { return context.lastIndexOf(b.name) - context.lastIndexOf(a.name) || b.name.length - a.name.length; })[0];
    }
    if (best) g.indicator = best.id;
    var y = /(\d{4})年/.exec(quote) || /(\d{4})年(?!.*\d{4}年)/.exec(before.slice(-60));
    g.period = y ? y[1] : (info.year ? String(info.year) : '');
    g.status = /预计/.test(context) ? 'estimate' : /目标|力争|预期|计划/.test(context) ? 'target' : 'actual';
    return g;
  }

  function codePoints(s) { return Array.from(s).length; }

  // writes carry the session cookie and this header (the server refuses cookie writes without it)
  function send(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-zhibiao-request': '1' },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j && j.error ? j.error.message : 'HTTP ' + r.status);
        return j;
      });
    });
  }

  function reloadAt(id) {
    if (id) location.href = location.pathname + '#fact-' + id;
    location.reload();
  }

  function reviewControls(facts) {
    var info = data('doc-info') || {};
    var text = document.getElementById('doc-text');

    // filter the list (and dim the text) by review state
    document.querySelectorAll('.review-filter button').forEach(function (b) {
      b.addEventListener('click', function () {
        var state = b.getAttribute('data-filter');
        document.querySelectorAll('.review-filter button').forEach(function (x) { x.classList.toggle('active', x === b); });
        document.querySelectorAll('.fact-list li[data-state]').forEach(function (li) {
          li.hidden = !!state && li.getAttribute('data-state') !== state;
        });
        text.querySelectorAll('mark.fact').forEach(function (m) {
          var states = (m.getAttribute('data-states') || '').split(' ');
          m.classList.toggle('dimmed', !!state && states.indexOf(state) < 0);
        });
      });
    });
    if (!info.reviewer) return;

    var status = document.createElement('p');
    status.id = 'review-status';
    status.setAttribute('role', 'status');
    status.className = 'dialog-error';
    status.hidden = true;
    document.querySelector('.fact-list').insertBefore(status, document.querySelector('.fact-list ol'));
    function fail(e) { status.textContent = e.message; status.hidden = false; }

    var dialog = document.getElementById('review-dialog');
    var form = document.getElementById('review-form');
    var error = dialog.querySelector('.dialog-error');
    var mode = null;

    // the display-unit select follows the base unit
    function fillScales(unit, factor) {
      var sel = form.elements.scale;
      var list = SCALES[unit] || [[unit === '%' ? '%' : unit === 'pp' ? '个百分点' : unit, 1]];
      sel.innerHTML = '';
      list.forEach(function (s) {
        var o = document.createElement('option');
        o.value = String(s[1]);
        o.textContent = s[0];
        if (Math.abs(s[1] - (factor || 1)) < 1e-6 * s[1]) o.selected = true;
        sel.appendChild(o);
      });
    }
    form.elements.unit.addEventListener('change', function () { fillScales(form.elements.unit.value, 1); });

    function openDialog(title, quote, fields, factor) {
      dialog.querySelector('.dialog-title').textContent = title;
      dialog.querySelector('.dialog-quote').textContent = quote;
      FIELDS.concat(['note']).forEach(function (n) {
        var v = fields[n];
        // values are shown in the display unit
        if ((n === 'value' || n === 'value_max') && typeof v === 'number') v = clean(v / (factor || 1));
        form.elements[n].value = v === null || v === undefined ? '' : String(v);
      });
      fillScales(fields.unit, factor);
      error.hidden = true;
      dialog.showModal();
    }

    function formValue(n) {
      var v = form.elements[n].value.trim();
      var factor = Number(form.elements.scale.value) || 1;
      if (n === 'value') return v === '' ? undefined : clean(Number(v) * factor);
      if (n === 'value_max') return v === '' ? null : clean(Number(v) * factor);
      if (n === 'scope') return v === '' ? null : v;
      if (n === 'region') return v === '' ? undefined : v;
      return v;
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var body = {};
      var request;
      if (mode.kind === 'correct') {
        body.action = 'correct';
        FIELDS.forEach(function (n) {
          var v = formValue(n);
          if (v !== undefined && v !== mode.original[n]) body[n] = v;
        });
        request = send('POST', '/api/facts/' + mode.id + '/review', withNote(body));
      } else {
        body.span = mode.span;
        body.quote = mode.quote;
        FIELDS.forEach(function (n) {
          var v = formValue(n);
          if (v !== undefined && !(v === null && (n === 'value_max' || n === 'scope'))) body[n] = v;
        });
        request = send('POST', '/api/documents/' + info.id + '/facts', withNote(body));
      }
      request.then(function (j) {
        dialog.close();
        reloadAt(mode.kind === 'correct' ? j.shownFactId : j.fact.id);
      }).catch(function (err) {
        error.textContent = err.message;
        error.hidden = false;
      });
    });
    function withNote(body) {
      var note = form.elements.note.value.trim();
      if (note) body.note = note;
      return body;
    }
    dialog.querySelector('[data-close]').addEventListener('click', function () { dialog.close(); });

    document.querySelectorAll('.review-actions button').forEach(function (b) {
      b.addEventListener('click', function (e) {
        e.preventDefault();
        var id = b.getAttribute('data-id');
        var action = b.getAttribute('data-action');
        var f = facts[id];
        if (action === 'correct') {
          mode = { kind: 'correct', id: id, original: f.fields };
          openDialog('更正：' + f.name + ' ' + f.display, '“' + f.quote + '”', Object.assign({}, f.fields, { note: '' }), f.scale ? f.scale.divisor : 1);
          return;
        }
        if (action === 'reject' && !window.confirm('驳回“' + f.quote + '”？驳回后这条指标不再出现在对比、目标和导出中（可再接受）。')) return;
        send('POST', '/api/facts/' + id + '/review', { action: action })
          .then(function (r) { reloadAt(r.shownFactId || id); })
          .catch(fail);
      });
    });

    // add a fact the extractor missed: select its words in the text
    var add = document.getElementById('add-fact');
    var pending = null;
    function selection() {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
      var r = sel.getRangeAt(0);
      if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) return null;
      // the text shown is the decoded text: code points before the selection = its start
      var before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(r.startContainer, r.startOffset);
      var raw = r.toString();
      var quote = raw.trim();
      if (!quote) return null;
      var start = codePoints(before.toString()) + codePoints(raw.slice(0, raw.indexOf(quote)));
      return { span: [start, start + codePoints(quote)], quote: quote, before: before.toString(), rect: r.getBoundingClientRect() };
    }
    function offer() {
      pending = selection();
      if (!pending) { add.hidden = true; return; }
      add.style.left = Math.max(8, pending.rect.left + window.scrollX) + 'px';
      add.style.top = (pending.rect.bottom + window.scrollY + 6) + 'px';
      add.hidden = false;
    }
    text.addEventListener('mouseup', function () { setTimeout(offer, 0); });
    text.addEventListener('keyup', function () { setTimeout(offer, 0); });
    add.addEventListener('mousedown', function (e) { e.preventDefault(); });
    add.addEventListener('click', function () {
      if (!pending) return;
      mode = { kind: 'add', span: pending.span, quote: pending.quote };
      add.hidden = true;
      // prefilled from the selection: indicator, value and its unit, period, status
      var g = guessFields(pending.quote, pending.before, info);
      openDialog('添加指标 [' + pending.span[0] + ', ' + pending.span[1] + ')', '“' + pending.quote + '”', {
        indicator: g.indicator || form.elements.indicator.options[0].value, measure: g.measure || 'level',
        value: g.value !== undefined ? clean(g.value * (g.factor || 1)) : '', value_max: '', unit: g.unit || 'CNY',
        period: g.period, status: g.status, bound: '=', scope: '', region: info.region || '', note: '',
      }, g.factor || 1);
    });
  }

  // ------------------------------------------------------------------ charts

  function seriesChart() {
    var series = data('series-data');
    var el = document.getElementById('series-chart');
    var pick = document.getElementById('series-pick');
    if (!series || !el) return;
    var c = chart(el);
    function draw(i) {
      var s = series[i];
      var years = s.points.map(function (p) { return p.year; }).concat(s.targets.map(function (t) { return t.year; }));
      var lo = Math.min.apply(null, years), hi = Math.max.apply(null, years);
      var byYear = {};
      s.points.forEach(function (p) { byYear[p.year] = p; });
      // every year of the span: a missing one is a gap in the line
      var line = [];
      for (var y = lo; y <= hi; y++) {
        var p = byYear[y];
        line.push(p ? {
          value: [y, p.shown], display: p.display + (p.estimate ? '（预计）' : ''), href: p.href,
          symbol: p.estimate ? 'emptyCircle' : 'circle',
          itemStyle: p.estimate ? { color: '#e67700', borderColor: '#e67700', borderType: 'dashed' } : undefined,
          label: p.estimate ? { show: true, formatter: '预计', position: 'top', color: '#e67700', fontSize: 11 } : undefined,
        } : { value: [y, null] });
      }
      var targets = s.targets.map(function (t) { return { value: [t.year, t.shown], display: '目标 ' + t.display, href: t.href }; });
      c.setOption({
        legend: { data: ['实际/预计', '目标'], top: 0 },
        tooltip: { trigger: 'item', formatter: function (p) { return p.value[0] + '年：' + escapeHtml(p.data.display || '无数据'); } },
        grid: { left: 60, right: 36, top: 36, bottom: 30 },
        xAxis: { type: 'value', min: lo, max: hi, interval: 1, axisLabel: { formatter: function (v) { return String(v); } } },
        yAxis: { type: 'value', name: s.unit, scale: true },
        series: [
          { name: '实际/预计', type: 'line', symbolSize: 9, connectNulls: false, data: line },
          { name: '目标', type: 'scatter', symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#c92a2a' }, data: targets },
        ],
      }, true);
    }
    c.on('click', function (p) { if (p.data && p.data.href) location.href = p.data.href; });
    pick.addEventListener('change', function () { draw(Number(pick.value)); });
    draw(0);
  }

  // the targets tables: show one outcome at a time
  function outcomeFilter() {
    document.querySelectorAll('.outcome-filter').forEach(function (group) {
      var table = group.parentNode.querySelector('table.targets');
      if (!table) return;
      group.querySelectorAll('button').forEach(function (b) {
        b.addEventListener('click', function () {
          var o = b.getAttribute('data-outcome');
          group.querySelectorAll('button').forEach(function (x) { x.classList.toggle('active', x === b); });
          table.querySelectorAll('tbody tr').forEach(function (tr) {
            tr.hidden = !!o && tr.getAttribute('data-outcome') !== o;
          });
        });
      });
    });
  }
  document.addEventListener('DOMContentLoaded', outcomeFilter);

  function compareChart() {
    var d = data('compare-data');
    var el = document.getElementById('compare-chart');
    if (!d || !el) return;
    var c = chart(el);
    c.setOption({
      tooltip: { trigger: 'item', formatter: function (p) { return escapeHtml(p.name + '：' + p.data.display); } },
      // room on the right for the longest label (no clipped bar labels)
      grid: { left: Math.min(140, 16 + 14 * Math.max.apply(null, d.rows.map(function (r) { return r.name.length; }))), right: 24 + 8 * Math.max.apply(null, d.rows.map(function (r) { return (r.display + (r.estimate ? '（预计）' : '')).length; })), top: 10, bottom: 30 },
      xAxis: { type: 'value', name: d.unit, inverse: false, nameLocation: 'end', nameGap: 4 },
      yAxis: { type: 'category', inverse: true, data: d.rows.map(function (r) { return r.name; }) },
      series: [{
        type: 'bar',
        label: { show: true, position: 'right', formatter: function (p) { return p.data.display + (p.data.estimate ? '（预计）' : ''); } },
        data: d.rows.map(function (r) {
          return {
            value: r.shown, display: r.display, href: r.href, estimate: r.estimate,
            itemStyle: r.estimate ? { color: '#ffffff', borderColor: r.focus ? '#d9480f' : '#3b6ea5', borderWidth: 1.5, borderType: 'dashed' } : { color: r.focus ? '#d9480f' : '#3b6ea5' },
          };
        }),
      }],
    });
    c.on('click', function (p) { if (p.data && p.data.href) location.href = p.data.href; });
  }

  function provinceMap() {
    var el = document.getElementById('map');
    var d = data('map-data');
    if (!el || !d) return;
    var level = el.getAttribute('data-level');
    var drill = (el.getAttribute('data-drill') || '').split(',').filter(Boolean);
    fetch(el.getAttribute('data-map')).then(function (r) { return r.json(); }).then(function (geo) {
      var names = {}, unitOf = {};
      geo.features.forEach(function (f) {
        names[f.properties.code] = f.properties.name;
        // shading prefectures: each county takes its prefecture's value
        unitOf[f.properties.code] = level === 'prefecture' ? (f.properties.prefecture || f.properties.code) : f.properties.code;
      });
      echarts.registerMap(d.name, geo);
      var byCode = {};
      d.rows.forEach(function (r) { byCode[r.code] = r; });
      var values = d.rows.map(function (r) { return r.shown; });
      // units without a value are left out: drawn grey (areaColor), never as 0
      var shaded = [];
      geo.features.forEach(function (f) {
        var r = byCode[unitOf[f.properties.code]];
        if (r) shaded.push({ name: f.properties.code, value: r.shown, display: r.display, unit: r.name, href: r.href });
      });
      var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
      if (hi === lo) hi = lo + 1;
      var c = chart(el);
      c.setOption({
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var name = names[p.name] || p.name;
            if (p.data && p.data.display) return escapeHtml((p.data.unit !== name ? name + '（' + p.data.unit + '）' : name) + '：' + p.data.display);
            return escapeHtml(name + '：库中无数据');
          },
        },
        visualMap: values.length ? {
          min: lo, max: hi,
          text: ['高', '低'], calculable: true, left: 10, bottom: 10,
          inRange: { color: ['#e0f3db', '#a8ddb5', '#43a2ca', '#0868ac'] },
          formatter: function (v) { return (Math.round(v * 100) / 100) + (d.unit || ''); },
        } : undefined,
        series: [{
          type: 'map', map: d.name, nameProperty: 'code', roam: true, top: 10, bottom: 10,
          itemStyle: { areaColor: '#d9d9d9', borderColor: '#ffffff', borderWidth: 0.6 },
          emphasis: { label: { show: true, formatter: function (p) { return names[p.name] || p.name; } }, itemStyle: { areaColor: '#fdd49e' } },
          label: { show: false },
          data: shaded,
        }],
      });
      c.on('click', function (p) {
        var code = p.name;
        if (drill.length) {
          // the China map: drill down into the province
          if (drill.indexOf(code) >= 0) location.href = '/?province=' + code;
          return;
        }
        location.href = '/region/' + (unitOf[code] || code);
      });
    });
  }

  function resetSlice(form) {
    ['measure', 'period', 'status'].forEach(function (n) {
      var s = form.elements[n];
      if (s) s.disabled = true;
    });
    form.submit();
  }

  function later(f) { return function () { withEcharts(f); }; }

  window.zhibiao = {
    documentPage: documentPage,
    seriesChart: later(seriesChart),
    compareChart: later(compareChart),
    provinceMap: later(provinceMap),
    resetSlice: resetSlice,
  };
})();
