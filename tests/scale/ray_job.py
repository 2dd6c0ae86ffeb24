"""Run Ray engine jobs for the scale tests, all on one Ray runtime; meant to run inside a loopback-only
network namespace.

    unshare -n sh -c 'ip link set lo up; python ray_job.py JOBS.json'

JOBS.json is a list of ``{"mode", "out", "result", "sources"}``, run in order on one local Ray (started
once here, shut down at the end whatever happens).  MODE: ``engine`` (2 coder actors), ``kill`` (SIGKILL
one coder actor's process after the first finished batch; the stub coder), ``hang`` (the stub coder of
``hanging_coder.py``, which spins forever on one document, with a 1 s document timeout), or ``cluster``
(a two-node ``ray.cluster_utils.Cluster`` of its own: alone in its file).  Sources and OUT may be paths
or URLs.  Each job writes its report (or its error) to its RESULT file.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import warnings
from pathlib import Path

import hanging_coder

from backchannel.scale.ray_engine import RayRun, RaySummary, run_ray


def _run(mode: str, out: str, sources: list[str]) -> dict[str, object]:
    killed: list[int] = []

    def kill_one(summary: RaySummary) -> None:
        if not killed and summary.pids:
            pid = min(summary.pids)
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    if mode == "cluster":
        run = RayRun(workers=2, batch_size=4, actor_resources={"coder": 1})
    elif mode == "kill":  # the stub coder: what is tested is the actor's death, not the pipeline
        run = RayRun(workers=2, batch_size=2, factory=hanging_coder.spins)  # many batches: the kill lands mid-run
    elif mode == "hang":
        run = RayRun(workers=2, batch_size=4, doc_timeout=1, factory=hanging_coder.spins)
    else:
        run = RayRun(workers=2, batch_size=8)
    summary = run_ray(sources, out, run, on_batch=kill_one if mode == "kill" else None)
    return {
        "documents": summary.documents,
        "events": summary.events,
        "failures": summary.failures,
        "duplicates": summary.duplicates,
        "nodes": sorted(summary.nodes),
        "pids": sorted(summary.pids),
        "killed": killed,
        "duration": summary.duration,
    }


def main(jobs_file: str) -> None:
    import ray

    warnings.filterwarnings("ignore", category=DeprecationWarning)
    os.environ["RAY_AUTH_MODE"] = "disabled"
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "ERROR")
    Path("/tmp/ray/ray_current_cluster").unlink(missing_ok=True)  # left behind by a killed cluster
    jobs = json.loads(Path(jobs_file).read_text())
    cluster = None
    try:
        if [job["mode"] for job in jobs] == ["cluster"]:
            from ray.cluster_utils import Cluster

            cluster = Cluster(
                initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
            )  # the head runs the driver's read tasks; the coders need the "coder" resource of the two nodes
            for _ in range(2):
                cluster.add_node(num_cpus=1, resources={"coder": 1})
            ray.init(address=cluster.address, log_to_driver=False)
        else:  # one CPU per coder actor and one for the read tasks, as ``run_ray`` would start it
            ray.init(address="local", num_cpus=3, include_dashboard=False, log_to_driver=False)
        for job in jobs:
            try:
                report = _run(job["mode"], job["out"], job["sources"])
            except Exception as exc:  # this job's failure is its test's; the next jobs still run
                report = {"error": f"{type(exc).__name__}: {exc}"}
            Path(job["result"]).write_text(json.dumps(report))
    finally:
        ray.shutdown()
        if cluster is not None:
            cluster.shutdown()


if __name__ == "__main__":
    main(sys.argv[1])
