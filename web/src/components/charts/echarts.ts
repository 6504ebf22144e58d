/**
 * The parts of ECharts the app uses, registered once. Only ever imported dynamically (see Chart.tsx), so the
 * charting code is its own chunk, fetched the first time a chart is shown, and the main bundle does not grow.
 * The SVG renderer draws with DOM nodes, which works under the app's CSP (no inline scripts, no eval).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, TooltipComponent, MarkLineComponent, LegendComponent, SVGRenderer]);

export { init };
