"""Concurrent browser sessions against the served dashboard while one session uploads and refreshes.

    python -m bench.concurrency [--db BASE] [--scale M] [--sessions 20] [--contexts 4]
                                [--warmup 60] [--after 60] [--snapshot on|off|both] [--record FILE]

Builds (or copies) a refreshed demo database, serves dashboard/app.py with `streamlit run` on
127.0.0.1, and opens --sessions browser tabs (Debian's chromium through Playwright, spread over
--contexts browser contexts) that click through Overview, Journey, Functions, Contacts and
Customer in a loop. After --warmup seconds one more tab uploads a survey CSV on the Upload page
and imports it (the page then refreshes the models); the readers go on for --after seconds more.

Recorded: every page load (click to the end of the script run, measured in the browser), errors
in any render (exception elements, error alerts, 'Page not found', a lost connection, browser
errors, loads that never finish), the upload and import+refresh times, and for every Overview
render the sidebar's 'Data refreshed' time and the NPS tile's n: each pair must be the state
before the upload or the state after it, read from the database itself; anything else is a
half-refreshed render. `--snapshot off` serves the same app with CX_READ_SNAPSHOT=0 (the
per-run read snapshot of dashboard/data.py turned off) for comparison.

If dashboard/app.py does not call data.snapshot() yet, a copy that wraps the run in it is
served from a temporary folder (said in the output). Exit status 1 when the run with the snapshot
on saw an error or a mixed render. Env CX_BENCH_SHOTS=DIR keeps screenshots of failed loads and
unreadable Overview renders; CX_BENCH_LOAD_TIMEOUT (s, default 180) bounds one load. The browser
is never downloaded: /usr/bin/chromium is required.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from bench import serving
from bench.common import ROOT, copy_at_rest, machine

CHROMIUM = str(serving.CHROMIUM)
CHROMIUM_ARGS = serving.CHROMIUM_ARGS
READER_PAGES = ("overview", "journey", "functions", "contacts", "customer")
LOAD_TIMEOUT_S = float(os.environ.get("CX_BENCH_LOAD_TIMEOUT", 180))
UPLOAD_ROWS = 400
START_TIMEOUT_S = 180

# counts finished script runs in the page: data-test-script-state on stApp goes to notRunning
INIT_SCRIPT = """
window.__cx = {done: 0, doneAt: 0, state: null};
const ATTR = 'data-test-script-state';
new MutationObserver(records => {
  records = records.filter(r => r.attributeName === ATTR);
  records.forEach((r, i) => {   // mutations arrive in batches: the next record holds this one's new value
    const now = i + 1 < records.length ? records[i + 1].oldValue : r.target.getAttribute(ATTR);
    if (r.oldValue === 'running' && now !== 'running') {
      window.__cx.done += 1; window.__cx.doneAt = performance.now();
    }
  });
  const app = document.querySelector('[data-testid="stApp"]');
  if (app) window.__cx.state = app.getAttribute(ATTR);
}).observe(document, {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: [ATTR]});
"""

# what one render shows: errors, and on the Overview the data time and the NPS tile
INSPECT_SCRIPT = r"""
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const texts = sel => [...document.querySelectorAll(sel)].map(e => e.innerText.trim());
  const out = {
    connection: app ? app.getAttribute('data-test-connection-state') : null,
    exceptions: texts('[data-testid="stException"]').map(t => t.slice(0, 300)),
    error_alerts: texts('[data-testid="stAlertContentError"]').map(t => t.slice(0, 300)),
    not_found: document.body.innerText.includes('Page not found'),
    refreshed: texts('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]')
                 .find(t => t.startsWith('Data refreshed')) || null,
    nps: null, n: null,
  };
  for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
    if (!m.innerText.includes('(NPS)')) continue;
    const value = m.querySelector('[data-testid="stMetricValue"]');
    out.nps = value ? value.innerText.trim() : null;
    const box = m.closest('[data-testid="stVerticalBlock"]');
    const cap = box ? [...box.querySelectorAll('[data-testid="stCaptionContainer"]')]
                        .map(e => e.innerText.trim()).find(t => /n = [\d,\s\u00a0\u202f]+$/.test(t)) : null;
    if (cap) out.n = parseInt(cap.match(/n = ([\d,\s\u00a0\u202f]+)$/)[1].replace(/[^\d]/g, ''));
  }
  return out;
}
"""


@dataclass
class Load:
    session: int
    page: str
    started: float  # seconds since the benchmark's clock started (python side)
    seconds: float  # click to end of the script run (browser side)
    errors: list[str] = field(default_factory=list)
    refreshed: str | None = None
    n: int | None = None
    nps: str | None = None
    late_paint: bool = False  # the Overview's tiles were read only after they were painted later


@dataclass
class Outcome:
    variant: str
    app: str
    loads: list[Load] = field(default_factory=list)
    upload: dict = field(default_factory=dict)
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    server_log_errors: list[str] = field(default_factory=list)
    samples: list[dict] = field(default_factory=list)
    wal_mib_after: float | None = None


# --- the database -------------------------------------------------------------------------


def build_base(scale: str, work: Path) -> Path:
    """A refreshed demo database at the scale, made with the CLIs."""
    db = work / f"base_{scale}.duckdb"
    for args in (["demo", "--scale", scale, "--db", str(db)], ["refresh", "--db", str(db)]):
        subprocess.run(
            [sys.executable, "-m", "pipelines", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    return db


def shown_state(db: Path) -> dict:
    """What the Overview must show with the default filters, read from the database directly:
    the sidebar's data time and the NPS tile's n for the default period."""
    import duckdb

    from dashboard import data, filters, i18n

    con = duckdb.connect(str(db), read_only=True)
    try:
        months = data.filter_options.uncached(con)["months"]
        start, end = filters._default_range(months)
        n = con.execute(
            "select sum(n) from mart_scores where metric = 'nps' and period_month between ? and ?",
            [start, end],
        ).fetchall()[0][0]
        when = con.execute("select max(refreshed_at) from mart_refresh_log").fetchall()[0][0]
        last = con.execute("select max(responded_at) from raw_survey_responses").fetchall()[0][0]
        customers = [
            r[0]
            for r in con.execute(
                "select customer_id from raw_customers order by customer_id limit ?", [UPLOAD_ROWS]
            ).fetchall()
        ]
    finally:
        con.close()
    return {
        "refreshed": f"Data refreshed {i18n.fmt_datetime(when, 'en')}",
        "n": int(n or 0),
        "period": f"{start}..{end}",
        "last_response": last,
        "customers": customers,
    }


def survey_csv(customers: list[str], last: datetime) -> bytes:
    """A plain survey export: NPS 10 from existing customers, dated just before the latest response."""
    lines = ["Response ID,Customer ID,Date,How likely are you to recommend us? (0-10),Comment"]
    when = last - timedelta(days=2)
    for i, customer in enumerate(customers):
        lines.append(f"load-{i},{customer},{when + timedelta(minutes=i):%Y-%m-%d %H:%M:%S},10,fine")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- the served app ----------------------------------------------------------------------


def app_to_serve(work: Path) -> tuple[Path, str]:
    """dashboard/app.py when it wraps the run in data.snapshot(); else a copy that does, in a
    folder whose views/ links to the real pages (page paths stay relative to the script)."""
    real = ROOT / "dashboard" / "app.py"
    text = real.read_text(encoding="utf-8")
    if "snapshot()" in text:
        return real, "dashboard/app.py"
    lines = text.splitlines(True)
    at = [
        i
        for i, line in enumerate(lines)
        if line.startswith(("shell.prepare_database()", "actor = auth.gate("))
    ]
    if not at or not any(line.startswith("from dashboard import ") for line in lines):
        raise SystemExit(
            "bench.concurrency: dashboard/app.py has no 'shell.prepare_database()' line "
            "to wrap; wire data.snapshot() in app.py first"
        )
    head, tail = "".join(lines[: at[-1] + 1]), lines[at[-1] + 1 :]
    body = "".join("    " + line if line.strip() else line for line in tail)
    copy = (
        head.replace("ROOT = Path(__file__).resolve().parent.parent", f"ROOT = Path({str(ROOT)!r})").replace(
            "from dashboard import ",
            "from dashboard import data as _snapshot_data\nfrom dashboard import ",
            1,
        )
        + "with _snapshot_data.snapshot():\n"
        + body
    )
    folder = work / "app" / "dashboard"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("views", ".streamlit"):
        if (ROOT / "dashboard" / name).exists() and not (folder / name).is_symlink():
            (folder / name).symlink_to(ROOT / "dashboard" / name)
    path = folder / "app.py"
    path.write_text(copy, encoding="utf-8")
    return path, "a copy of dashboard/app.py with the run wrapped in data.snapshot()"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(app: Path, db: Path, port: int, log: Path, snapshot: bool) -> subprocess.Popen:
    env = {**os.environ, "CX_DB": str(db), "CX_READ_SNAPSHOT": "1" if snapshot else "0"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(app),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit("streamlit did not start:\n" + log.read_text(errors="replace")[-3000:])
        time.sleep(0.5)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


# --- machine load ---------------------------------------------------------------------------


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


class Sampler(threading.Thread):
    """Every 2 s: load average, the server's memory and CPU, the browser's memory."""

    def __init__(self, server: int, clock: float, wal: Path) -> None:
        super().__init__(daemon=True)
        self.server, self.clock, self.wal = server, clock, wal
        self.samples: list[dict] = []
        self.stop = threading.Event()

    def run(self) -> None:
        last_cpu, last_t = _cpu_seconds(self.server), time.perf_counter()
        while not self.stop.wait(2.0):
            cpu, now = _cpu_seconds(self.server), time.perf_counter()
            browser = [p for p in _descendants(os.getpid()) if p != os.getpid()]
            self.samples.append(
                {
                    "t": round(now - self.clock, 1),
                    "load1": float(Path("/proc/loadavg").read_text().split()[0]),
                    "server_rss_mib": round(_rss_mib(self.server)),
                    "server_cpu_pct": round(100 * (cpu - last_cpu) / (now - last_t)),
                    "browser_rss_mib": round(sum(_rss_mib(p) for p in browser)),
                    "wal_mib": round(self.wal.stat().st_size / 2**20, 1) if self.wal.exists() else 0.0,
                }
            )
            last_cpu, last_t = cpu, now


# --- the browser sessions --------------------------------------------------------------------


async def _wait_run(
    page,
    done_before: int,
    path: str | None = None,
    old_title: str | None = None,
    timeout_s: float = LOAD_TIMEOUT_S,
) -> float:
    """Wait until the script is not running and, for a page switch, the page shows the new path
    and a new title (else: a run finished after done_before); then 0.4 s without a new run.
    Returns the browser time the last run ended (or when the new page was seen, if its run was
    too short to show as running)."""
    if path is None:
        ready = f"window.__cx.done > {done_before}"
    else:
        ready = (
            f"location.pathname === {json.dumps(path)} && "
            f"(h => h !== null && h.innerText !== {json.dumps(old_title)})"
            "(document.querySelector('[data-testid=\"stMainBlockContainer\"] h1'))"
        )
    await page.wait_for_function(
        f"window.__cx && window.__cx.state === 'notRunning' && {ready}", timeout=timeout_s * 1000, polling=100
    )
    seen_at = await page.evaluate("performance.now()")
    while True:
        seen = await page.evaluate("window.__cx.done")
        await asyncio.sleep(0.4)
        now = await page.evaluate("[window.__cx.done, window.__cx.state, window.__cx.doneAt]")
        if now[0] == seen and now[1] == "notRunning":
            return now[2] if now[0] > done_before else seen_at


async def _shot(page, name: str) -> None:
    """A screenshot into CX_BENCH_SHOTS (if set), for looking at a failed or unreadable load."""
    if os.environ.get("CX_BENCH_SHOTS"):
        await page.screenshot(path=f"{os.environ['CX_BENCH_SHOTS']}/{name}.png")


async def _inspect(page, load: Load, browser_errors: list[str]) -> None:
    seen = await page.evaluate(INSPECT_SCRIPT)
    if seen["connection"] != "CONNECTED":
        load.errors.append(f"connection {seen['connection']}")
    load.errors += [f"exception: {t}" for t in seen["exceptions"]]
    load.errors += [f"error alert: {t}" for t in seen["error_alerts"]]
    if seen["not_found"]:
        load.errors.append("Page not found")
    load.errors += [f"browser error: {e}" for e in browser_errors]
    browser_errors.clear()
    load.refreshed, load.n, load.nps = seen["refreshed"], seen["n"], seen["nps"]


async def _open(context, url: str) -> tuple[object, list[str]]:
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)[:300]))
    await page.goto(url, wait_until="domcontentloaded")
    await _wait_run(page, 0)
    return page, errors


async def reader(
    context, base: str, session: int, clock: float, stop: asyncio.Event, loads: list[Load]
) -> None:
    """Open the session's first page, then click to the next page in the sidebar, over and over."""
    k = session % len(READER_PAGES)
    first = READER_PAGES[k]
    page, errors = await _open(context, base + ("/" if first == "overview" else f"/{first}"))
    while not stop.is_set():
        k += 1
        name = READER_PAGES[k % len(READER_PAGES)]  # never the page already shown (no run)
        load = Load(session, name, time.perf_counter() - clock, float("nan"))
        try:
            done, clicked, title = await page.evaluate(
                "(h => [window.__cx.done, performance.now(), h && h.innerText])"
                "(document.querySelector('[data-testid=\"stMainBlockContainer\"] h1'))"
            )
            href = "/" if name == "overview" else f"/{name}"
            await page.click(
                f'[data-testid="stSidebarNav"] a[href="{base}{href}"]', timeout=LOAD_TIMEOUT_S * 1000
            )
            finished = await _wait_run(page, done, href, title)
            load.seconds = (finished - clicked) / 1000
            await _inspect(page, load, errors)
            if name == "overview" and load.n is None and not load.errors:
                # a starved browser may paint the tiles a while after the run ended: read again
                try:
                    await page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
                    await _inspect(page, load, errors)
                    load.late_paint = True
                except Exception:  # noqa: BLE001 - stays unread
                    pass
            if name == "overview" and None in (load.n, load.refreshed) and os.environ.get("CX_BENCH_SHOTS"):
                await _shot(page, f"unread_s{session}_{int(load.started)}")
        except Exception as exc:  # noqa: BLE001 - a load that never finished is a result
            try:
                where = await page.evaluate(
                    "(h => [location.pathname, window.__cx.state, window.__cx.done, "
                    "h && h.innerText])(document.querySelector('h1'))"
                )
            except Exception:  # noqa: BLE001
                where = "?"
            load.errors.append(
                f"no finished run: {type(exc).__name__}: {str(exc).splitlines()[0][:120]} "
                f"(page state {where})"
            )
            await _shot(page, f"s{session}_{int(load.started)}")
        loads.append(load)
    await page.close()


async def uploader(context, base: str, csv: bytes, clock: float) -> dict:
    """Upload the survey file on the Upload page and import it (the page refreshes after)."""
    page, errors = await _open(context, base + "/upload")
    result: dict = {"rows": UPLOAD_ROWS}
    done = await page.evaluate("window.__cx.done")
    t0 = time.perf_counter()
    await page.locator('input[type="file"]').first.set_input_files(
        {"name": "load_test.csv", "mimeType": "text/csv", "buffer": csv}
    )
    await _wait_run(page, done)
    result["preview_s"] = round(time.perf_counter() - t0, 2)
    button = page.get_by_role("button", name="3. Import")
    await button.wait_for(timeout=60_000)
    done = await page.evaluate("window.__cx.done")
    result["import_started"] = round(time.perf_counter() - clock, 1)
    t0 = time.perf_counter()
    await button.click()
    await _wait_run(page, done)
    result["import_and_refresh_s"] = round(time.perf_counter() - t0, 2)
    result["import_finished"] = round(time.perf_counter() - clock, 1)
    successes = await page.locator('[data-testid="stAlertContentSuccess"]').all_inner_texts()
    result["message"] = " | ".join(s.strip() for s in successes)[:300]
    seen = await page.evaluate(INSPECT_SCRIPT)
    result["errors"] = seen["exceptions"] + seen["error_alerts"] + errors
    await page.close()
    return result


async def run_sessions(
    base: str, sessions: int, contexts: int, warmup: float, after: float, csv: bytes, clock: float
) -> tuple[list[Load], dict]:
    from playwright.async_api import async_playwright

    loads: list[Load] = []
    stop = asyncio.Event()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ctxs = []
        for _ in range(contexts):
            ctx = await browser.new_context(viewport={"width": 1440, "height": 1000})
            await ctx.add_init_script(INIT_SCRIPT)
            ctxs.append(ctx)
        tasks = []
        for i in range(sessions):
            tasks.append(asyncio.create_task(reader(ctxs[i % contexts], base, i, clock, stop, loads)))
            await asyncio.sleep(0.5)  # stagger the first loads a little
        await asyncio.sleep(warmup)
        upload = await uploader(ctxs[0], base, csv, clock)
        await asyncio.sleep(after)
        stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await browser.close()
    return loads, upload


# --- one variant, and the summary --------------------------------------------------------------


def run_variant(base_db: Path, work: Path, snapshot: bool, args: argparse.Namespace) -> Outcome:
    variant = "snapshot on" if snapshot else "snapshot off (CX_READ_SNAPSHOT=0)"
    db = work / f"served_{'on' if snapshot else 'off'}.duckdb"
    copy_at_rest(base_db, db)
    before = shown_state(db)
    app, described = app_to_serve(work)
    port = free_port()
    log = work / f"server_{'on' if snapshot else 'off'}.log"
    proc = start_server(app, db, port, log, snapshot)
    clock = time.perf_counter()
    wal = db.with_name(db.name + ".wal")
    sampler = Sampler(proc.pid, clock, wal)
    sampler.start()
    try:
        loads, upload = asyncio.run(
            run_sessions(
                f"http://127.0.0.1:{port}",
                args.sessions,
                args.contexts,
                args.warmup,
                args.after,
                survey_csv(before["customers"], before["last_response"]),
                clock,
            )
        )
    finally:
        sampler.stop.set()
        stop_server(proc)
    outcome = Outcome(
        variant,
        described,
        loads,
        upload,
        {k: before[k] for k in ("refreshed", "n", "period")},
        {},
        samples=sampler.samples,
    )
    outcome.wal_mib_after = round(wal.stat().st_size / 2**20, 1) if wal.exists() else 0.0
    after = shown_state(db)
    outcome.after = {k: after[k] for k in ("refreshed", "n", "period")}
    text = log.read_text(errors="replace")
    outcome.server_log_errors = [
        line[:300]
        for line in text.splitlines()
        if "Traceback" in line or "Error" in line or "Exception" in line
    ]
    return outcome


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def summarize(o: Outcome) -> dict:
    before = (o.before["refreshed"], o.before["n"])
    after = (o.after["refreshed"], o.after["n"])
    overview = [load for load in o.loads if load.page == "overview" and not load.errors]
    kinds = {"before": 0, "after": 0, "mixed": 0, "unread": 0}
    mixed = []
    for load in overview:
        pair = (load.refreshed, load.n)
        kind = (
            "before"
            if pair == before
            else "after"
            if pair == after
            else "unread"
            if None in pair
            else "mixed"
        )  # unread: the tile or caption not found
        kinds[kind] += 1
        if kind in ("mixed", "unread"):
            mixed.append(
                {
                    "session": load.session,
                    "at": round(load.started, 1),
                    "refreshed": load.refreshed,
                    "n": load.n,
                }
            )
    nps_by_n: dict[str, set] = {}
    for load in overview:
        nps_by_n.setdefault(str(load.n), set()).add(load.nps)
    t0 = o.upload.get("import_started", float("inf"))
    t1 = o.upload.get("import_finished", float("inf"))
    pages = {}
    for name in READER_PAGES:
        secs = [load.seconds for load in o.loads if load.page == name and not load.errors]
        pages[name] = {
            "loads": len(secs),
            "p50_s": round(_pct(secs, 0.5), 2),
            "p95_s": round(_pct(secs, 0.95), 2),
            "max_s": round(max(secs), 2) if secs else None,
        }
    during = [
        load.seconds
        for load in o.loads
        if not load.errors and load.started + load.seconds >= t0 and load.started <= t1
    ]
    errors = [
        {"session": load.session, "page": load.page, "at": round(load.started, 1), "errors": load.errors}
        for load in o.loads
        if load.errors
    ]
    samples = o.samples
    return {
        "variant": o.variant,
        "app": o.app,
        "loads": len(o.loads),
        "pages": pages,
        "all_p50_s": round(_pct([load.seconds for load in o.loads if not load.errors], 0.5), 2),
        "all_p95_s": round(_pct([load.seconds for load in o.loads if not load.errors], 0.95), 2),
        "loads_overlapping_import": len(during),
        "overlapping_p50_s": round(_pct(during, 0.5), 2),
        "overlapping_p95_s": round(_pct(during, 0.95), 2),
        "errors": errors,
        "upload": o.upload,
        "before": o.before,
        "after": o.after,
        "overview_renders": kinds,
        "mixed_renders": mixed,
        "nps_values_per_n": {k: sorted(v - {None}) for k, v in nps_by_n.items()},
        "server_log_errors": o.server_log_errors[:20],
        "wal_mib_after_stop": o.wal_mib_after,
        "load1_max": max((s["load1"] for s in samples), default=None),
        "server_rss_max_mib": max((s["server_rss_mib"] for s in samples), default=None),
        "server_cpu_mean_pct": (
            round(statistics.mean(s["server_cpu_pct"] for s in samples)) if samples else None
        ),
        "browser_rss_max_mib": max((s["browser_rss_mib"] for s in samples), default=None),
        "wal_max_mib": max((s["wal_mib"] for s in samples), default=None),
    }


def markdown(summaries: list[dict], command: str, args: argparse.Namespace) -> str:
    lines = [
        f"### {date.today()}, `{command}`",
        "",
        f"{args.sessions} reader sessions in {args.contexts} browser contexts of one headless "
        f"Chromium, plus one upload session; {args.warmup:g} s before the upload, {args.after:g} s "
        f"after it. Machine: {machine()}.",
        "",
    ]
    for s in summaries:
        lines += [
            f"**{s['variant']}** (served: {s['app']})",
            "",
            "| page | loads | p50 | p95 | max |",
            "|---|---|---|---|---|",
        ]
        for name, p in s["pages"].items():
            lines.append(f"| {name} | {p['loads']} | {p['p50_s']} s | {p['p95_s']} s | {p['max_s']} s |")
        up = s["upload"]
        lines += [
            "",
            f"- all loads: {s['loads']}, p50 {s['all_p50_s']} s, p95 {s['all_p95_s']} s; "
            f"{s['loads_overlapping_import']} loads overlapped the import+refresh "
            f"(p50 {s['overlapping_p50_s']} s, p95 {s['overlapping_p95_s']} s)",
            f"- upload of {up.get('rows')} responses: preview {up.get('preview_s')} s, "
            f"import + refresh {up.get('import_and_refresh_s')} s; page said: {up.get('message')!s}; "
            f"errors on the upload page: {len(up.get('errors', []))}",
            f"- errors in reader renders: {len(s['errors'])}; server log error lines: "
            f"{len(s['server_log_errors'])}",
            f"- Overview renders: {s['overview_renders']['before']} before-state "
            f"({s['before']['refreshed']}, NPS n {s['before']['n']}), "
            f"{s['overview_renders']['after']} after-state ({s['after']['refreshed']}, NPS n "
            f"{s['after']['n']}), **{s['overview_renders']['mixed']} mixed**, "
            f"{s['overview_renders']['unread']} where the NPS tile or the data time was not found",
            f"- machine: load average (1 min) up to {s['load1_max']}, server RSS up to "
            f"{s['server_rss_max_mib']} MiB, server CPU mean {s['server_cpu_mean_pct']} % "
            f"(of one core), browser RSS up to {s['browser_rss_max_mib']} MiB; WAL up to "
            f"{s['wal_max_mib']} MiB while serving, {s['wal_mib_after_stop']} MiB after the server "
            "stopped",
            "",
        ]
        for e in s["errors"][:10]:
            lines.append(
                f"  - error: session {e['session']}, {e['page']} at {e['at']} s: "
                f"{'; '.join(e['errors'])[:300]}"
            )
        if s["errors"]:
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.concurrency",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", type=Path, help="a refreshed demo database to copy (default: build one)")
    parser.add_argument("--scale", default="M", choices=["S", "M", "L", "XL"])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--contexts", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before the upload")
    parser.add_argument("--after", type=float, default=60.0, help="seconds after the import finished")
    parser.add_argument("--snapshot", default="on", choices=["on", "off", "both"])
    parser.add_argument("--record", type=Path, help="append the markdown summary to this file")
    parser.add_argument("--json", type=Path, help="write every load and the summaries as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"bench.concurrency: {CHROMIUM} is not installed")
    work = Path(tempfile.mkdtemp(prefix="cx-concurrency-"))
    command = "python -m bench.concurrency " + " ".join(argv if argv is not None else sys.argv[1:])
    try:
        base = args.db or build_base(args.scale, work)
        variants = {"on": [True], "off": [False], "both": [False, True]}[args.snapshot]
        outcomes = []
        for snap in variants:
            outcomes.append(run_variant(base, work, snap, args))
            print(json.dumps(summarize(outcomes[-1]), default=str), file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"working directory kept: {work}", file=sys.stderr)
    summaries = [summarize(o) for o in outcomes]
    for s in summaries:  # the upload page's message carries an icon name on its own line
        message = str(s["upload"].get("message", "")).replace("check_circle", "")
        s["upload"]["message"] = " ".join(message.split())
    print(json.dumps(summaries, indent=1, default=str))
    table = markdown(summaries, command, args)
    print(table)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"summaries": summaries, "loads": [[asdict(load) for load in o.loads] for o in outcomes]},
                default=str,
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.record:
        with args.record.open("a", encoding="utf-8") as out:
            out.write("\n" + table)
    return (
        0
        if all(
            not s["errors"] and not s["overview_renders"]["mixed"]
            for s in summaries
            if s["variant"] == "snapshot on"
        )
        else 1
    )


if __name__ == "__main__":
    sys.exit(main())
