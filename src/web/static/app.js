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
      c.setOption({
        tooltip: { trigger: 'axis', formatter: function (p) { var d = p[0].data; return p[0].axisValue + '年：' + escapeHtml(d.display); } },
        grid: { left: 60, right: 20, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: s.points.map(function (p) { return String(p.year); }) },
        yAxis: { type: 'value', name: s.unit, scale: true },
        series: [{
          type: 'line', symbolSize: 9,
          data: s.points.map(function (p) { return { value: p.shown, display: p.display, href: p.href }; }),
        }],
      }, true);
    }
    c.on('click', function (p) { if (p.data && p.data.href) location.href = p.data.href; });
    pick.addEventListener('change', function () { draw(Number(pick.value)); });
    draw(0);
  }

  function compareChart() {
    var d = data('compare-data');
    var el = document.getElementById('compare-chart');
    if (!d || !el) return;
    var c = chart(el);
    c.setOption({
      tooltip: { trigger: 'item', formatter: function (p) { return escapeHtml(p.name + '：' + p.data.display); } },
      grid: { left: 110, right: 60, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: d.unit, inverse: false },
      yAxis: { type: 'category', inverse: true, data: d.rows.map(function (r) { return r.name; }) },
      series: [{
        type: 'bar',
        label: { show: true, position: 'right', formatter: function (p) { return p.data.display; } },
        data: d.rows.map(function (r) {
          return { value: r.shown, display: r.display, href: r.href, itemStyle: { color: r.focus ? '#d9480f' : '#3b6ea5' } };
        }),
      }],
    });
    c.on('click', function (p) { if (p.data && p.data.href) location.href = p.data.href; });
  }

  function provinceMap() {
    var el = document.getElementById('map');
    var d = data('map-data');
    if (!el || !d) return;
    fetch(el.getAttribute('data-map')).then(function (r) { return r.json(); }).then(function (geo) {
      var names = {};
      geo.features.forEach(function (f) { names[f.properties.code] = f.properties.name; });
      echarts.registerMap(d.name, geo);
      var values = d.rows.map(function (r) { return r.shown; });
      var c = chart(el);
      c.setOption({
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            var name = names[p.name] || p.name;
            return p.data && p.data.display ? escapeHtml(name + '：' + p.data.display) : escapeHtml(name + '：无数据');
          },
        },
        visualMap: values.length ? {
          min: Math.min.apply(null, values), max: Math.max.apply(null, values),
          text: ['高', '低'], calculable: true, left: 10, bottom: 10,
          inRange: { color: ['#e0f3db', '#a8ddb5', '#43a2ca', '#0868ac'] },
          formatter: function (v) { return (Math.round(v * 100) / 100) + (d.unit || ''); },
        } : undefined,
        series: [{
          type: 'map', map: d.name, nameProperty: 'code', roam: true, top: 10, bottom: 10,
          itemStyle: { areaColor: '#d9d9d9', borderColor: '#ffffff', borderWidth: 0.6 },
          emphasis: { label: { show: true, formatter: function (p) { return names[p.name] || p.name; } }, itemStyle: { areaColor: '#fdd49e' } },
          label: { show: false },
          data: d.rows.map(function (r) { return { name: r.code, value: r.shown, display: r.display, href: r.href }; }),
        }],
      });
      c.on('click', function (p) { location.href = '/region/' + p.name; });
    });
  }

  function resetSlice(form) {
    ['measure', 'period', 'status'].forEach(function (n) {
      var s = form.elements[n];
      if (s) s.disabled = true;
    });
    form.submit();
  }

  window.zhibiao = {
    documentPage: documentPage,
    seriesChart: seriesChart,
    compareChart: compareChart,
    provinceMap: provinceMap,
    resetSlice: resetSlice,
  };
})();
