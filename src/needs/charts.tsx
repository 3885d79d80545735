/**
 * Small charts as inline SVG: horizontal bars, each with its label above and its figure as text beside it, so
 * nothing depends on colour; `role="img"` with an `aria-label` that reads every figure. The pages put the same
 * figures in a table as well.
 */

export interface Bar {
  label: string
  value: number
  /** The figure as people read it ("129,00 €", "12"). */
  text: string
}

const width = 640
const barArea = 470
const rowHeight = 42

/** One bar per row: label, bar scaled to the largest value, figure. */
export function BarChart(props: { title: string; bars: Bar[]; id?: string }) {
  const max = Math.max(0, ...props.bars.map((b) => b.value))
  const height = Math.max(1, props.bars.length) * rowHeight + 4
  const label = `${props.title}: ${props.bars.map((b) => `${b.label} ${b.text}`).join('; ')}`
  return (
    <figure class="chart" id={props.id}>
      <figcaption>{props.title}</figcaption>
      <svg
        class="bar-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMinYMin meet"
      >
        {props.bars.map((bar, i) => {
          const y = i * rowHeight
          const length = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * barArea)) : 0
          return (
            <g>
              <text x="0" y={y + 14} class="chart-label">
                {bar.label}
              </text>
              <rect x="0" y={y + 19} width={length} height="16" class="chart-bar" />
              <text x={length + 8} y={y + 32} class="chart-value">
                {bar.text}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
