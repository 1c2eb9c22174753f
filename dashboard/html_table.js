// dashboard/html_table.py's component: draws data (cell texts via textContent) as a table.
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  // our own box inside the component (its <style> is a sibling and must stay)
  let root = parentElement.querySelector(":scope > .cx-table-host");
  if (!root) {
    root = document.createElement("div");
    root.className = "cx-table-host";
    parentElement.appendChild(root);
  }
  root.replaceChildren();
  const wrap = document.createElement("div");
  wrap.className = "cx-table-wrap";
  if (data.max_height) wrap.style.maxHeight = data.max_height + "px";
  const table = document.createElement("table");
  table.className = "cx-table";
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  const numberOf = (text) => {
    let t = text.replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
    t = data.decimal === "," ? t.replace(/,/g, ".") : t.replace(/,/g, "");
    const m = t.match(/^[+\-±]?\d+(\.\d+)?/);
    return m ? parseFloat(m[0].replace("±", "")) : null;
  };
  const rows = data.rows.map((cells, i) => {
    const tr = document.createElement("tr");
    const tones = data.tones ? data.tones[i] : null;
    if (data.row_tones && data.row_tones[i]) tr.classList.add(data.row_tones[i]);
    const link = data.links ? data.links[i] : null;
    cells.forEach((text, j) => {
      const td = tr.insertCell();
      if (data.columns[j].numeric) td.classList.add("cx-num");
      if (data.columns[j].long) td.classList.add("cx-long");
      if (data.columns[j].short) td.classList.add("cx-short");
      if (data.columns[j].prose) td.classList.add("cx-prose");
      if (tones && tones[j]) td.classList.add(tones[j]);
      if (link && j === 0) {
        const a = document.createElement("a");
        a.href = link;
        a.textContent = text;
        td.appendChild(a);
      } else {
        td.textContent = text;
      }
    });
    if (link) {
      tr.classList.add("cx-row-link");
      tr.addEventListener("click", (e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
        e.preventDefault();
        setTriggerValue("row", i);
      });
    }
    return tr;
  });
  body.append(...rows);
  let sorted = { column: -1, direction: 0 };
  data.columns.forEach((column, j) => {
    const th = document.createElement("th");
    const label = document.createElement("span");
    label.textContent = column.label;
    th.appendChild(label);
    if (column.numeric) th.classList.add("cx-num");
    if (column.help) th.title = column.help;
    th.tabIndex = 0;
    const sort = () => {
      const direction = sorted.column === j ? (sorted.direction + 1) % 3 : 1;
      sorted = { column: j, direction };
      head.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
      let order = rows.map((tr, i) => i);
      if (direction) {
        const texts = data.rows.map((r) => r[j]);
        const numbers = texts.map(numberOf);
        const numeric = texts.every((t, i) => t === "" || t === "–" || numbers[i] !== null);
        const blank = (i) => texts[i] === "" || texts[i] === "–";
        order.sort((a, b) => {
          if (blank(a) !== blank(b)) return blank(a) ? 1 : -1;
          const d = numeric
            ? numbers[a] - numbers[b]
            : texts[a].localeCompare(texts[b], data.lang, { numeric: true });
          return direction === 1 ? d : -d;
        });
        th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
      }
      body.append(...order.map((i) => rows[i]));
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        sort();
      }
    });
    head.appendChild(th);
  });
  wrap.appendChild(table);
  root.appendChild(wrap);
  // pinned columns (the row's name) stay in view while a wide table scrolls sideways on a phone
  const pinned = data.columns.map((c, j) => (c.pinned ? j : -1)).filter((j) => j >= 0);
  if (pinned.length) {
    requestAnimationFrame(() => {
      let left = 0;
      for (const j of pinned) {
        const cells = table.querySelectorAll(`tr > :nth-child(${j + 1})`);
        cells.forEach((cell) => {
          cell.classList.add("cx-pinned");
          cell.style.left = left + "px";
        });
        left += cells.length ? cells[0].getBoundingClientRect().width : 0;
      }
    });
  }
  if (data.more) {
    const more = document.createElement("p");
    more.className = "cx-table-more";
    more.textContent = data.more;
    root.appendChild(more);
  }
}
