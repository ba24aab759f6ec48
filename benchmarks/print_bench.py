"""Print benchmark: the full set of PDF itineraries for the sample workshop.

Run: ``python benchmarks/print_bench.py``. The work runs in a fresh child process (so the figures
include loading the font and the PDF engine, as ``cistrat-tui print`` does) that renders the
group, staff and every trainee's edition, timing each PDF and counting its pages; the parent
reads the child's peak resident memory from ``resource.getrusage``. As a baseline measured in
the same run, the child first typesets a one-page document with the same font and engine, so
the ratio "one edition / one page" says what the itinerary itself costs on this machine, however
loaded it is. Targets: the whole set in under 10 seconds and under 300 MB; trainee editions at
most 10 pages, the group edition at most 14 (issue 18).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

TARGET_SECONDS = 10.0
TARGET_MB = 300.0
TARGET_TRAINEE_PAGES = 10
TARGET_GROUP_PAGES = 14

CHILD = r"""
import json, re, sys, time
started = time.perf_counter()
import typst
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.fonts import choose_font
from cistrat_tui.exports.itinerary import Edition, build_itinerary
from cistrat_tui.exports.pdf import render_pdf
workshop = sample_workshop()
font = choose_font()
setup = time.perf_counter() - started
page = ('#set text(font: "%s")\n' % font.family + "北京市海淀区 Beijing " * 200).encode()
typst.compile(page, font_paths=[str(font.folder)], ignore_system_fonts=True)
begin = time.perf_counter()
typst.compile(page, font_paths=[str(font.folder)], ignore_system_fonts=True)
baseline = time.perf_counter() - begin
jobs = [("group", Edition.GROUP, None), ("staff", Edition.STAFF, None)]
jobs += [(t.name, Edition.TRAINEE, t.id) for t in workshop.trainees.values()]
rows = []
for name, edition, trainee in jobs:
    begin = time.perf_counter()
    data = render_pdf(build_itinerary(workshop, edition, trainee), font)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    rows.append((name, edition.value, time.perf_counter() - begin, len(data), pages))
print(json.dumps({"setup": setup, "baseline": baseline, "rows": rows, "font": font.source}))
"""


def main() -> int:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            check=False)
    total = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return 1
    report = json.loads(result.stdout)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = peak_kb / 1024 if sys.platform != "darwin" else peak_kb / 1024 / 1024
    print(f"font: {report['font']}")
    print(f"start-up (imports, sample, font): {report['setup']:.2f} s")
    baseline = report["baseline"]
    print(f"baseline (one page, same engine and font): {baseline:.3f} s")
    print(f"{'edition':<32} {'seconds':>8} {'ratio':>6} {'KB':>6} {'pages':>5}")
    for name, _, seconds, size, pages in report["rows"]:
        print(f"{name[:32]:<32} {seconds:>8.3f} {seconds / baseline:>6.1f} {size / 1024:>6.0f} "
              f"{pages:>5}")
    times = [row[2] for row in report["rows"]]
    print(f"{len(times)} PDFs: {sum(times):.2f} s rendering, mean {sum(times) / len(times):.3f} s, "
          f"slowest {max(times):.3f} s")
    verdict_time = "OK" if total < TARGET_SECONDS else "OVER"
    verdict_mem = "OK" if peak_mb < TARGET_MB else "OVER"
    trainee_pages = max(row[4] for row in report["rows"] if row[1] == "trainee")
    group_pages = next(row[4] for row in report["rows"] if row[1] == "group")
    verdict_pages = "OK" if trainee_pages <= TARGET_TRAINEE_PAGES \
        and group_pages <= TARGET_GROUP_PAGES else "OVER"
    print(f"whole set (child process): {total:.2f} s, target < {TARGET_SECONDS:.0f} s: "
          f"{verdict_time}")
    print(f"peak memory: {peak_mb:.0f} MB, target < {TARGET_MB:.0f} MB: {verdict_mem}")
    print(f"pages: trainee editions at most {trainee_pages} (target {TARGET_TRAINEE_PAGES}), "
          f"group {group_pages} (target {TARGET_GROUP_PAGES}): {verdict_pages}")
    return 0 if verdict_time == verdict_mem == verdict_pages == "OK" else 1


if __name__ == "__main__":
    raise SystemExit(main())
