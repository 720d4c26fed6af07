// gr.Dataframe's row logic, apart from drawing: which rows a search and the column filters keep, and
// the table as CSV for the copy button.

export type Cell = string | number | boolean | null;

/** Whether a cell is empty: empty cells sort last and match no condition but "contains nothing". */
function empty(cell: Cell): boolean {
  return cell === null || cell === "";
}

const CONDITION = /^(>=|<=|!=|>|<|=)\s*(.*)$/s;

/**
 * Whether `cell` meets a column filter: `>3`, `<=10`, `!=0`, `=pear` compare (as numbers when both
 * sides are), anything else is text the cell must contain, ignoring case. An empty filter keeps all.
 */
export function meets(cell: Cell, filter: string): boolean {
  const text = filter.trim();
  if (!text) return true;
  const found = CONDITION.exec(text);
  if (!found) return !empty(cell) && String(cell).toLowerCase().includes(text.toLowerCase());
  const [, operator, operand] = found;
  if (empty(cell)) return operator === "!=" ? operand.trim() !== "" : operand.trim() === "";
  const left = typeof cell === "number" ? cell : Number(cell);
  const right = Number(operand);
  const numeric = operand.trim() !== "" && !Number.isNaN(left) && !Number.isNaN(right);
  const order = numeric ? left - right : String(cell).localeCompare(operand.trim(), undefined, { numeric: true });
  const equal = numeric ? order === 0 : String(cell).toLowerCase() === operand.trim().toLowerCase();
  switch (operator) {
    case ">": return order > 0;
    case "<": return order < 0;
    case ">=": return order >= 0;
    case "<=": return order <= 0;
    case "!=": return !equal;
    default: return equal;
  }
}

/** Whether a row has a cell containing `search` (ignoring case) and meets every column's filter. */
export function keeps(row: readonly Cell[], search: string, filters: readonly string[]): boolean {
  const needle = search.trim().toLowerCase();
  if (needle && !row.some((cell) => !empty(cell) && String(cell).toLowerCase().includes(needle))) return false;
  return filters.every((filter, column) => meets(row[column] ?? null, filter));
}

/** A value as one CSV field: quoted when it holds a comma, a quote or a line break. */
function field(cell: Cell): string {
  const text = cell === null ? "" : String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV, its header line first. */
export function toCsv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [headers, ...rows].map((row) => row.map(field).join(",")).join("\n");
}
