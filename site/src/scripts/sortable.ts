/**
 * Progressive enhancement: turns a table's column headings into buttons
 * that sort its rows. Without JavaScript the table is still complete, in
 * its server-side order. Sort keys come from `data-sort-value`.
 */
export function makeSortable(table: HTMLTableElement): void {
  const headings = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]')];
  const body = table.tBodies[0];
  if (!body) return;
  headings.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = th.textContent;
    th.textContent = '';
    th.append(button);
    th.setAttribute('aria-sort', 'none');
    button.addEventListener('click', () => {
      const descending = th.getAttribute('aria-sort') !== 'descending';
      const numeric = th.dataset.sort === 'number';
      const key = (row: HTMLTableRowElement): string => row.cells[column]?.dataset.sortValue ?? '';
      const rows = [...body.rows].sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        // empty (not available) values always go last
        if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
        const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return descending ? -order : order;
      });
      body.append(...rows);
      headings.forEach((h) => h.setAttribute('aria-sort', 'none'));
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    });
  });
}
