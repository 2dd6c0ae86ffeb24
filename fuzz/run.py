"""Run the atheris fuzz targets for a set time each; crashing inputs become regression cases.

    python fuzz/run.py [--seconds 60] [--only extract,html,jsonl,rss]

Each target runs in its own process (``fuzz/run.py --target NAME``) under libFuzzer, seeded from
``fuzz/seeds``; a crashing input is written to ``tests/reliability/regressions/NAME/`` where
``test_reliability_regressions.py`` replays it.  Prints cases tried and crashes found per target.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "tests" / "reliability" / "regressions"
SEEDS = Path(__file__).resolve().with_name("seeds")


def _fuzz_one(name: str, seconds: int) -> int:
    import atheris  # only the child process needs it

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    with atheris.instrument_imports(include=["backchannel"]):  # coverage feedback from our code only
        from targets import TARGETS

    check = TARGETS[name]
    if name == "extract":
        check(b"warm up")  # build the pipeline before libFuzzer starts timing
    out = REGRESSIONS / name
    out.mkdir(parents=True, exist_ok=True)
    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{name}-"))
    seeds = [str(SEEDS / name)] if (SEEDS / name).is_dir() else []
    argv = [
        sys.argv[0],
        str(corpus),
        *seeds,
        f"-max_total_time={seconds}",
        f"-artifact_prefix={out}/",
        "-print_final_stats=1",
        "-max_len=20000",
        "-timeout=60",
        "-rss_limit_mb=4096",
    ]
    atheris.Setup(argv, check)
    atheris.Fuzz()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60, help="time per target")
    parser.add_argument("--only", default="extract,html,jsonl,rss", help="comma-separated targets")
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.target:
        return _fuzz_one(args.target, args.seconds)
    failed = 0
    for name in args.only.split(","):
        before = set((REGRESSIONS / name).glob("*")) if (REGRESSIONS / name).is_dir() else set()
        done = subprocess.run(
            [sys.executable, __file__, "--target", name, "--seconds", str(args.seconds)],
            capture_output=True,
            text=True,
            check=False,
        )
        runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", done.stderr)
        after = set((REGRESSIONS / name).glob("*")) if (REGRESSIONS / name).is_dir() else set()
        crashes = sorted(after - before)
        print(f"{name}: {runs[-1] if runs else '?'} cases, {len(crashes)} crashes (exit {done.returncode})")
        for crash in crashes:
            print(f"  saved {crash.relative_to(ROOT)}")
        if done.returncode != 0 and not crashes:
            print(done.stderr[-2000:], file=sys.stderr)
        failed += bool(crashes) or done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
