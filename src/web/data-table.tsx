import type { Child } from 'hono/jsx'

/** A column heading; `num` right-aligns it like its figures. `false` leaves a column out (e.g. actions not allowed). */
export type Column = string | { label: string; num?: boolean } | false

/** A list as a table in its scrolling wrapper, or the `empty` sentence when there is nothing to list. */
export function DataTable<T>(props: {
  items: readonly T[]
  empty: string
  columns: Column[]
  row: (item: T) => Child
}) {
  if (props.items.length === 0) return <p>{props.empty}</p>
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.columns.map((column) =>
              column === false ? null : typeof column === 'string' ? (
                <th scope="col">{column}</th>
              ) : (
                <th scope="col" class={column.num ? 'num' : undefined}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.items.map((item) => props.row(item))}</tbody>
      </table>
    </div>
  )
}
