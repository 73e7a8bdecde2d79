/* Draws the charts of a page from its `json_script` block with the vendored Apache ECharts
   (vendor/echarts). Progressive enhancement: each chart's figures are also in the table beside
   it and in a sentence, so without JavaScript nothing is missing. Figures carry value labels and
   markers (trend) or patterns (ranking), never colour alone. */
(function () {
  "use strict";
  var block = document.getElementById("indicator-charts");
  if (!block || !window.echarts) {
    return;
  }
  var data = JSON.parse(block.textContent);
  var drawn = [];

  function label(unit) {
    return function (item) {
      if (item.value === null || item.value === undefined) {
        return "";
      }
      return unit === "%" ? item.value.toFixed(1) + "%" : item.value.toLocaleString() + " " + unit;
    };
  }

  function trend(series, unit) {
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "category", data: series.labels, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", name: unit },
      series: [
        {
          type: "line",
          data: series.values,
          symbol: "circle",
          symbolSize: 8,
          lineStyle: { width: 2 },
          label: { show: true, position: "top", formatter: label(unit) },
        },
      ],
    };
  }

  function ranking(series, unit) {
    return {
      animation: false,
      aria: { enabled: false, decal: { show: true } },
      grid: { left: 8, right: 72, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: unit },
      yAxis: { type: "category", data: series.labels, inverse: true },
      series: [
        {
          type: "bar",
          data: series.values,
          itemStyle: { decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -0.7 } },
          label: { show: true, position: "right", formatter: label(unit) },
        },
      ],
    };
  }

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var figures = data[element.getAttribute("data-chart")];
    var kind = element.getAttribute("data-kind");
    var series = figures && figures[kind];
    if (!series || !series.values.length) {
      return;
    }
    element.hidden = false;
    if (kind === "ranking") {
      element.style.height = Math.max(12, series.labels.length * 2.2 + 4) + "rem";
    }
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(kind === "trend" ? trend(series, figures.unit) : ranking(series, figures.unit));
    drawn.push(chart);
  });
  window.addEventListener("resize", function () {
    drawn.forEach(function (chart) {
      chart.resize();
    });
  });
})();
