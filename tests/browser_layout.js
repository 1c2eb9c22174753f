// The layout measurement run in the page (tests/browser_layout.py explains the rules).
// Argument: {phone, finnish}. Returns [{kind, element, detail}].
((args) => {
  const phone = !!(args && args.phone);
  const finnish = !!(args && args.finnish);
  const problems = [];
  const add = (kind, element, detail) => problems.push({kind, element, detail});
  const short = (text, n = 60) => {
    const s = (text || "").replace(/\s+/g, " ").trim();
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  };
  const visible = (el) => {
    if (!el.isConnected) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    for (let e = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === "none" || cs.visibility === "hidden") return false;
      if (e.tagName === "DETAILS" && !e.open && e !== el && !el.closest("summary")) return false;
    }
    return true;
  };
  const root = document.querySelector('[data-testid="stMain"]') || document.body;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const sidebarOpen = sidebar && sidebar.getAttribute("aria-expanded") !== "false" &&
    sidebar.getBoundingClientRect().right > 50 && !phone;
  const scopes = [root, ...(sidebarOpen ? [sidebar] : [])];
  const canvas = document.createElement("canvas").getContext("2d");
  const rootPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const fontPx = (style) => (style || "").replace(/([\d.]+)rem/g, (_, n) => `${parseFloat(n) * rootPx}px`);
  const textWidth = (text, font) => { canvas.font = font; return canvas.measureText(text).width; };

  // --- the page did not draw (an error instead of its title) --------------------------------------
  if (!root.querySelector("h1")) {
    const alert = root.querySelector('[data-testid="stAlert"], [data-testid="stException"]');
    add("page not drawn", "page", alert ? short(alert.innerText, 160) : "no title");
  }

  // --- the page itself scrolls sideways --------------------------------------------------------
  if (root.scrollWidth > root.clientWidth + 1) {
    add("page wider than the screen", "main area",
        `content ${root.scrollWidth}px wide in a ${root.clientWidth}px window`);
  }

  // --- tables (glide data grid) -------------------------------------------------------------------
  const gridProps = (canvasEl) => {
    const key = Object.keys(canvasEl).find((k) => k.startsWith("__reactFiber"));
    let f = key ? canvasEl[key] : null;
    for (let d = 0; f && d < 60; d++, f = f.return) {
      const p = f.memoizedProps;
      if (p && Array.isArray(p.columns) && typeof p.getCellContent === "function") return p;
    }
    return null;
  };
  const cellText = (cell) => {
    if (!cell || cell.kind === "boolean" || cell.kind === "image" || cell.kind === "bubble") return null;
    if (typeof cell.displayData === "string") return cell.displayData;
    if (typeof cell.data === "string" || typeof cell.data === "number") return String(cell.data);
    return null;
  };
  let gridNo = 0;
  for (const grid of root.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (!visible(grid)) continue;
    gridNo += 1;
    const canvasEl = grid.querySelector('canvas[data-testid="data-grid-canvas"]');
    const scroller = grid.querySelector(".dvn-scroller");
    const props = canvasEl ? gridProps(canvasEl) : null;
    const columns = props ? props.columns : [];
    const titles = columns.map((c) => c.title || "");
    const name = `table ${gridNo} (${short(titles.slice(0, 3).join(" | "), 70)})`;
    if (!props || !scroller) {
      add("table not drawn", name, "the grid has no canvas or scroller after the page settled");
      continue;
    }
    const theme = props.theme || {};
    const pad = Number(theme.cellHorizontalPadding ?? 8);
    const family = theme.fontFamily || "sans-serif";
    const baseFont = `${fontPx(theme.baseFontStyle || "400 13px")} ${family}`;
    const headerFont = `${fontPx(theme.headerFontStyle || theme.baseFontStyle || "600 13px")} ${family}`;
    const visibleWidth = scroller.clientWidth;
    const overflow = scroller.scrollWidth - scroller.clientWidth;
    const cut = (ci, text, font) => {
      const need = textWidth(text, font) + 2 * pad;
      return need > columns[ci].width + 0.5 ? need : 0;
    };
    // the columns that are out of view on the right when the grid is scrolled to its left edge
    if (overflow > 1) {
      let x = 0;
      const hidden = [];
      columns.forEach((c, i) => { if (x + c.width > visibleWidth + 1) hidden.push(titles[i]); x += c.width; });
      const what = `${overflow}px of ${scroller.scrollWidth}px out of view` +
        (hidden.length ? `; cut or hidden: ${hidden.map((t) => `"${t}"`).join(", ")}` : "");
      if (!phone) {
        add("table clipped on the right", name, what);
      } else if (columns.length && columns[0].width > 0.6 * visibleWidth) {
        add("table clipped on the right", name,
            `${what}; on a phone a table may scroll sideways only when its first column ` +
            `("${titles[0]}", ${Math.round(columns[0].width)}px) is at most 60% of its ` +
            `${visibleWidth}px width`);
      }
    }
    // column titles and cells wider than their column (cut on the canvas)
    const checkCols = phone && overflow > 1 ? [0] : columns.map((_, i) => i);
    for (const ci of checkCols) {
      if (columns[ci].width <= 0) continue;
      const need = cut(ci, titles[ci], headerFont);
      if (need) {
        add("column title cut", name,
            `"${titles[ci]}" needs ${Math.ceil(need)}px, column is ${Math.round(columns[ci].width)}px`);
      }
    }
    const rows = Math.min(props.rows || 0, 300);
    const reported = new Set();
    for (let r = 0; r < rows; r++) {
      for (const ci of checkCols) {
        if (reported.has(ci)) continue;
        let cell;
        try { cell = props.getCellContent([ci, r]); } catch (e) { continue; }
        const text = cellText(cell);
        if (!text) continue;
        const override = cell.themeOverride || {};
        const font = `${fontPx(override.baseFontStyle || theme.baseFontStyle || "400 13px")} ${override.fontFamily || family}`;
        const longest = text.split("\n").reduce((a, b) => (b.length > a.length ? b : a), "");
        if (cell.allowWrapping === true) {
          // a wrapping cell (row_height of several lines): cut when its words need more lines than
          // the row holds, or one word is wider than the column
          const rowHeight = typeof props.rowHeight === "function" ? props.rowHeight(r) : Number(props.rowHeight || 35);
          const size = parseFloat((font.match(/([\d.]+)px/) || [0, 14])[1]);
          const lineHeight = size * Number(theme.lineHeight || 1.4);
          const fits = Math.max(1, Math.floor((rowHeight - 2 * Number(theme.cellVerticalPadding ?? 3)) / lineHeight + 0.05));
          const room = columns[ci].width - 2 * pad;
          let lines = 0;
          let widest = 0;
          for (const para of text.split("\n")) {
            let line = "";
            lines += 1;
            for (const word of para.split(/\s+/).filter(Boolean)) {
              widest = Math.max(widest, textWidth(word, font));
              const next = line ? `${line} ${word}` : word;
              if (line && textWidth(next, font) > room) { lines += 1; line = word; } else { line = next; }
            }
          }
          if (lines > fits || widest > room + 0.5) {
            reported.add(ci);
            add("cell text cut", name,
                `column "${titles[ci]}", row ${r + 1}: "${short(text, 80)}" needs ${lines} lines of ` +
                `${Math.round(room)}px, the row holds ${fits}`);
          }
          continue;
        }
        const need = cut(ci, longest, font);
        if (need) {
          reported.add(ci);
          add("cell text cut", name,
              `column "${titles[ci]}", row ${r + 1}: "${short(longest, 80)}" needs ${Math.ceil(need)}px, ` +
              `column is ${Math.round(columns[ci].width)}px`);
        }
      }
    }
  }

  // --- the pages' HTML tables (dashboard/html_table.py: table.cx-table in div.cx-table-wrap) --------
  // sideways scroll inside the wrap: the grid's rule; a header or cell whose text is cut (wider
  // than the cell, or an ellipsis): a defect at any size; taller than the box: fine, when the
  // header stays in view (sticky)
  const cutCell = (cell) => {
    if (cell.clientWidth === 0) return null;
    const cs = getComputedStyle(cell);
    if (cell.scrollWidth > cell.clientWidth + 1) return `needs ${cell.scrollWidth}px, cell is ${cell.clientWidth}px`;
    for (const e of [cell, ...cell.querySelectorAll("*")]) {
      const s = e === cell ? cs : getComputedStyle(e);
      if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 &&
          (s.textOverflow === "ellipsis" || s.overflowX === "hidden" || s.overflowX === "clip")) {
        return `needs ${e.scrollWidth}px, shown in ${e.clientWidth}px` + (s.textOverflow === "ellipsis" ? " (…)" : "");
      }
      if (e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0 &&
          (s.overflowY === "hidden" || s.overflowY === "clip")) {
        return `needs ${e.scrollHeight}px of height, shown in ${e.clientHeight}px`;
      }
    }
    return null;
  };
  // a table wider than the box it scrolls in: a defect, except on a phone when its first column
  // (the row's name) takes at most 60% of the box
  const scrollsSideways = (name, box, heads, titles) => {
    const right = box.getBoundingClientRect().left - box.scrollLeft + box.clientWidth;
    const hidden = heads.filter((h) => h.getBoundingClientRect().right > right + 1).map((h) => `"${short(h.innerText, 40)}"`);
    const what = `${box.scrollWidth - box.clientWidth}px of ${box.scrollWidth}px out of view` +
      (hidden.length ? `; cut or hidden: ${hidden.join(", ")}` : "");
    const first = heads.length ? heads[0].getBoundingClientRect().width : 0;
    if (!phone) {
      add("table clipped on the right", name, what);
    } else if (first > 0.6 * box.clientWidth) {
      add("table clipped on the right", name,
          `${what}; on a phone a table may scroll sideways only when its first column ` +
          `("${titles[0]}", ${Math.round(first)}px) is at most 60% of its ${box.clientWidth}px width`);
    }
  };
  let cxNo = 0;
  for (const table of root.querySelectorAll("table.cx-table")) {
    if (!visible(table)) continue;
    cxNo += 1;
    const container = table.closest('[data-testid="stElementContainer"]');
    const key = container ? ([...container.classList].find((c) => c.startsWith("st-key-")) || "").slice(7) : "";
    const heads = [...table.querySelectorAll(":scope > thead > tr > th")];
    const titles = heads.map((h) => short(h.innerText, 40));
    const name = `html table ${key || cxNo} (${short(titles.slice(0, 3).join(" | "), 70)})`;
    const wrap = table.parentElement && table.parentElement.classList.contains("cx-table-wrap") ? table.parentElement : null;
    if (!wrap) { add("table not drawn", name, "the table is not inside its .cx-table-wrap box"); continue; }
    if (wrap.scrollWidth - wrap.clientWidth > 1) scrollsSideways(name, wrap, heads, titles);
    heads.forEach((h, j) => {
      const why = cutCell(h);
      if (why) add("column title cut", name, `"${titles[j]}" ${why}`);
    });
    const reported = new Set();
    const bodyRows = [...table.querySelectorAll(":scope > tbody > tr")];
    bodyRows.forEach((tr, r) => {
      [...tr.cells].forEach((td, j) => {
        if (reported.has(j)) return;
        const why = cutCell(td);
        if (why) {
          reported.add(j);
          add("cell text cut", name, `column "${titles[j] || j + 1}", row ${r + 1}: "${short(td.innerText, 80)}" ${why}`);
        }
      });
    });
    if (wrap.scrollHeight > wrap.clientHeight + 1 && heads.length && getComputedStyle(heads[0]).position !== "sticky") {
      add("table header scrolls away", name,
          `the table scrolls inside its ${wrap.clientHeight}px box but its header is not sticky`);
    }
  }

  // --- other HTML tables (st.table, st.markdown tables) in a box that scrolls sideways ------------
  let htmlNo = 0;
  for (const table of root.querySelectorAll("table")) {
    if (table.closest('[data-testid="stDataFrame"], .cx-print-only, .cx-table, .js-plotly-plot, [data-testid="stVegaLiteChart"]') || !visible(table)) continue;
    htmlNo += 1;
    const heads = [...table.querySelectorAll("tr:first-child > th, tr:first-child > td")];
    const titles = heads.map((h) => short(h.innerText, 40));
    const name = `html table ${htmlNo} (${short(titles.slice(0, 3).join(" | "), 70)})`;
    // look for the scrolling box up to the table's own element container only: a full-width grid
    // elsewhere makes the main column a few px wider (its resize handle), which is not this table
    const stop = (table.closest('[data-testid="stElementContainer"]') || root).parentElement;
    let box = table;
    while (box && box !== stop && box !== root && box.scrollWidth <= box.clientWidth + 1) box = box.parentElement;
    if (!box || box === stop || box === root) continue;  // fits (or the page overflows: reported above)
    scrollsSideways(name, box, heads, titles);
  }

  // --- labels cut by CSS ----------------------------------------------------------------------------
  const GENERIC = new Set(["stMarkdownContainer", "stMarkdown", "stTooltipHoverTarget", "stText",
    "stElementContainer", "stVerticalBlock", "stHorizontalBlock", "stColumn", "stLayoutWrapper",
    "stWidgetLabel", "stIconMaterial"]);
  const describe = (el) => {
    const ids = [];
    for (let e = el; e && e !== document.body && ids.length < 2; e = e.parentElement) {
      const id = e.dataset ? e.dataset.testid : null;
      if (id && !GENERIC.has(id) && !ids.includes(id)) ids.unshift(id);
      if (id === "stSidebar" || id === "stMain") break;
    }
    return ids.length ? ids.join(" > ") : el.tagName.toLowerCase();
  };
  const seen = new Set();
  for (const scope of scopes) {
    for (const el of scope.querySelectorAll("*")) {
      if (el.closest('[data-testid="stDataFrame"], .js-plotly-plot, [data-testid="stVegaLiteChart"], [data-testid="stCode"], .cx-print-only, .cx-table, pre, code')) continue;
      if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
      const cs = getComputedStyle(el);
      const ellipsis = cs.textOverflow === "ellipsis";
      const clipsLine = (cs.overflowX === "hidden" || cs.overflowX === "clip") &&
        (cs.whiteSpace === "nowrap" || cs.whiteSpace === "pre");
      if (!ellipsis && !clipsLine) continue;
      const text = (el.innerText || el.textContent || "").trim();
      if (!text || el.tagName === "INPUT" || el.tagName === "TEXTAREA") continue;
      if (!visible(el)) continue;
      const owner = describe(el);
      const key = `${owner}:${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add("label truncated", `${owner} "${short(text)}"`,
          `text needs ${el.scrollWidth}px, shown in ${el.clientWidth}px`);
    }
    for (const bar of scope.querySelectorAll('[role="tablist"]')) {
      if (!visible(bar) || bar.scrollWidth <= bar.clientWidth + 1) continue;
      const tabs = [...bar.querySelectorAll('[role="tab"]')];
      // measured from the bar's start, so the same whichever tab is scrolled into view
      const left = bar.getBoundingClientRect().left - bar.scrollLeft;
      const out = tabs
        .filter((t) => t.getBoundingClientRect().right - left > bar.clientWidth + 1)
        .map((t) => `"${short(t.innerText, 40)}"`);
      add("tabs do not fit", `tab bar (${short(tabs.map((t) => t.innerText).join(" | "), 80)})`,
          `${bar.scrollWidth}px of tabs in ${bar.clientWidth}px; out of view: ${out.join(", ")}`);
    }
  }

  // --- headings broken mid-word ----------------------------------------------------------------
  const wordLines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return tops.size;
  };
  const headings = root.querySelectorAll('h1, h2, h3, h4, [data-testid="stMetricLabel"]');
  for (const h of headings) {
    if (!visible(h)) continue;
    const label = `${h.tagName === "DIV" ? "metric label" : h.tagName.toLowerCase()} "${short(h.innerText)}"`;
    if (h.tagName !== "DIV" && h.scrollWidth > h.clientWidth + 1) {
      add("title wider than its box", label, `needs ${h.scrollWidth}px, box is ${h.clientWidth}px`);
    }
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /[^\s\-\u2010-\u2015\/\u00ad]{2,}/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        if (wordLines(node, m.index, m.index + m[0].length) > 1) {
          add("title broken mid-word", label, `"${m[0]}" is split over two lines`);
        }
      }
    }
  }

  // --- plotly charts -------------------------------------------------------------------------------
  const finite = (v) => v !== null && v !== undefined && v !== "" && !(typeof v === "number" && !isFinite(v));
  const listOf = (arr) => (Array.isArray(arr) || ArrayBuffer.isView(arr) ? Array.from(arr) : []);
  const hasValues = (arr) => listOf(arr).some((v) => (typeof v === "object" && v !== null ? listOf(v).some(finite) : finite(v)));
  const traceHasData = (tr) => {
    if (tr.visible === false || tr.visible === "legendonly") return false;
    if (tr.type === "sankey") return hasValues(tr.link && tr.link.value);
    if (tr.type === "indicator") return finite(tr.value);
    return hasValues(tr.y) || hasValues(tr.x) || hasValues(tr.z) || hasValues(tr.values) ||
      hasValues(tr.r) || hasValues(tr.lat);
  };
  // the corners of a text's box on screen (rotated labels are rotated boxes, not their bounds)
  const corners = (t) => {
    const b = t.getBBox();
    const m = t.getScreenCTM();
    if (!m) return null;
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  // two convex polygons overlap by more than `tol` px along every separating axis
  const overlap = (p, q, tol = 1) => {
    for (const poly of [p, q]) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % poly.length];
        let nx = y1 - y2, ny = x2 - x1;
        const len = Math.hypot(nx, ny) || 1;
        nx /= len; ny /= len;
        const proj = (pts) => pts.map(([x, y]) => x * nx + y * ny);
        const a = proj(p), b = proj(q);
        const depth = Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b));
        if (depth <= tol) return false;
      }
    }
    return true;
  };
  const ENGLISH_MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b/;
  // a chart's drawn texts ({text, poly}): English month names on a Finnish page, overlaps
  const checkTexts = (chart, boxes) => {
    if (finnish) {
      const english = boxes.map((b) => b.text).filter((t) => ENGLISH_MONTH.test(t));
      if (english.length) {
        add("English month name on a Finnish page", chart, english.slice(0, 4).map((t) => `"${t}"`).join(", "));
      }
    }
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i].poly, boxes[j].poly)) overlaps.push(`"${short(boxes[i].text, 30)}" overlaps "${short(boxes[j].text, 30)}"`);
      }
    }
    if (overlaps.length) {
      add("chart text overlaps", chart,
          overlaps.slice(0, 3).join("; ") + (overlaps.length > 3 ? ` (${overlaps.length} pairs in all)` : ""));
    }
  };
  let chartNo = 0;
  for (const gd of root.querySelectorAll(".js-plotly-plot")) {
    if (!visible(gd)) continue;
    chartNo += 1;
    const axisTitles = [...gd.querySelectorAll(".g-xtitle text, .g-ytitle text, .g-y2title text, .g-x2title text, .gtitle")]
      .map((t) => t.textContent.trim()).filter(Boolean);
    const chart = `chart ${chartNo}` + (axisTitles.length ? ` (${short(axisTitles.join(" | "), 70)})` : "");
    const traces = gd._fullData || [];
    const drawn = traces.filter(traceHasData);
    if (!drawn.length) add("chart empty", chart, "no trace has a value to draw");
    const boxes = [];
    for (const t of gd.querySelectorAll('g[class$="tick"] > text, g[class$="tick2"] > text, .g-xtitle text, .g-ytitle text, .g-y2title text, .g-x2title text')) {
      const text = t.textContent.trim();
      if (!text || !visible(t)) continue;
      const poly = corners(t);
      if (!poly || t.getBoundingClientRect().width < 1) continue;
      boxes.push({text, poly});
    }
    if (!drawn.length) continue;  // an empty chart's default axes say nothing more
    checkTexts(chart, boxes);
  }

  // --- Vega-Lite charts (SVG): empty, labels cut with "…", overlapping, English months in Finnish --
  const LABELS = "g.role-axis-label text, g.role-axis-title text, g.role-legend-label text, " +
    "g.role-legend-title text, g.role-title-text text, g.role-title-subtitle text, g.role-header-label text";
  const shownText = (t) => {
    for (let e = t; e && e.tagName !== "svg"; e = e.parentElement) {
      const op = e.getAttribute("opacity") ?? e.style.opacity;
      if (op !== null && op !== "" && parseFloat(op) === 0) return false;
    }
    return visible(t);
  };
  for (const vl of root.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (!visible(vl)) continue;
    chartNo += 1;
    const svg = vl.querySelector("svg");
    const titles = svg ? [...svg.querySelectorAll("g.role-axis-title text, g.role-title-text text")]
      .map((t) => t.textContent.trim()).filter(Boolean) : [];
    const chart = `chart ${chartNo}` + (titles.length ? ` (${short(titles.join(" | "), 70)})` : "");
    if (!svg) { add("chart empty", chart, "no SVG drawn"); continue; }
    const marks = svg.querySelectorAll("g.role-mark > path, g.role-mark > rect, g.role-mark > g, g.role-mark > text, g.role-mark > line");
    if (!marks.length) { add("chart empty", chart, "no mark drawn"); continue; }
    const boxes = [];
    for (const t of svg.querySelectorAll(LABELS)) {
      const text = t.textContent.trim();
      if (!text || !shownText(t)) continue;
      if (text.endsWith("…")) add("label truncated", chart, `"${short(text)}"`);
      const poly = corners(t);
      if (!poly || t.getBoundingClientRect().width < 1) continue;
      boxes.push({text, poly});
    }
    checkTexts(chart, boxes);
    const room = vl.getBoundingClientRect();
    const drawn = svg.getBoundingClientRect();
    // wider than the screen is fine inside a box that scrolls sideways (the phone's heatmap)
    const scrolls = (el) => { for (let e = el.parentElement; e; e = e.parentElement) {
      const ox = getComputedStyle(e).overflowX;
      if ((ox === "auto" || ox === "scroll") && e.scrollWidth > e.clientWidth + 1) return true;
    } return false; };
    if (drawn.right > room.right + 1 || (drawn.right > window.innerWidth + 1 && !scrolls(vl))) {
      add("chart clipped", chart, `drawn ${Math.round(drawn.width)} px wide in ${Math.round(room.width)} px`);
    }
  }
  return problems;
})
