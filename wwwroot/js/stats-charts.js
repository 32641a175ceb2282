// Draws each statistics breakdown with Chart.js from the table that the page already shows, so the figures
// exist once (in the accessible table) and no inline script is needed under the site's CSP.
(function () {
    'use strict';
    if (typeof Chart === 'undefined') { return; }
    var palette = ['#0d6efd', '#198754', '#dc3545', '#fd7e14', '#6f42c1', '#20c997', '#0dcaf0', '#6c757d', '#d63384', '#ffc107', '#343a40'];
    document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
        var canvas = figure.querySelector('canvas');
        var rows = figure.querySelectorAll('tbody tr');
        if (!canvas || rows.length === 0) { return; }
        var labels = [];
        var values = [];
        rows.forEach(function (row) {
            labels.push(row.querySelector('th').textContent.trim());
            var cell = row.querySelector('td');
            var raw = cell.getAttribute('data-value');
            values.push(raw === '' ? null : Number(raw));
        });
        var type = figure.getAttribute('data-chart');
        var horizontal = type === 'bar' && labels.length > 6;
        new Chart(canvas, {
            type: type,
            data: {
                labels: labels,
                datasets: [{
                    label: canvas.getAttribute('data-series-label') || '',
                    data: values,
                    backgroundColor: type === 'line' ? palette[0] : labels.map(function (_, i) { return palette[i % palette.length]; }),
                    borderColor: palette[0],
                    // A withheld year is a gap, not a line drawn across it.
                    spanGaps: false,
                }],
            },
            options: {
                animation: false,
                responsive: true,
                maintainAspectRatio: false,
                indexAxis: horizontal ? 'y' : 'x',
                plugins: { legend: { display: type === 'doughnut' } },
                // Counts start at zero: an axis starting at 40 would make 2012 look like nothing.
                scales: type === 'doughnut' ? {} : { x: { beginAtZero: true }, y: { beginAtZero: true } },
            },
        });
    });
}());
