"""Print benchmark: the full set of PDF itineraries for the sample workshop.

Run: ``python benchmarks/print_bench.py``. The work runs in a fresh child process (so the figures
include loading the font and the PDF library, as ``cistrat-tui print`` does) that renders the
group, staff and every trainee's edition, timing each PDF; the parent reads the child's peak
resident memory from ``resource.getrusage``. Targets: the whole set in under 10 seconds and under
300 MB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

TARGET_SECONDS = 10.0
TARGET_MB = 300.0

CHILD = r"""
import json, sys, time
started = time.perf_counter()
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.fonts import choose_font
from cistrat_tui.exports.itinerary import Edition, build_itinerary
from cistrat_tui.exports.pdf import render_pdf
workshop = sample_workshop()
font = choose_font()
setup = time.perf_counter() - started
jobs = [("group", Edition.GROUP, None), ("staff", Edition.STAFF, None)]
jobs += [(t.name, Edition.TRAINEE, t.id) for t in workshop.trainees.values()]
rows = []
for name, edition, trainee in jobs:
    begin = time.perf_counter()
    data = render_pdf(build_itinerary(workshop, edition, trainee), font)
    rows.append((name, time.perf_counter() - begin, len(data)))
print(json.dumps({"setup": setup, "rows": rows, "font": font.source}))
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
    print(f"{'edition':<32} {'seconds':>8} {'KB':>8}")
    for name, seconds, size in report["rows"]:
        print(f"{name[:32]:<32} {seconds:>8.3f} {size / 1024:>8.0f}")
    times = [seconds for _, seconds, _ in report["rows"]]
    print(f"{len(times)} PDFs: {sum(times):.2f} s rendering, mean {sum(times) / len(times):.3f} s, "
          f"slowest {max(times):.3f} s")
    verdict_time = "OK" if total < TARGET_SECONDS else "OVER"
    verdict_mem = "OK" if peak_mb < TARGET_MB else "OVER"
    print(f"whole set (child process): {total:.2f} s, target < {TARGET_SECONDS:.0f} s: "
          f"{verdict_time}")
    print(f"peak memory: {peak_mb:.0f} MB, target < {TARGET_MB:.0f} MB: {verdict_mem}")
    return 0 if verdict_time == verdict_mem == "OK" else 1


if __name__ == "__main__":
    raise SystemExit(main())
