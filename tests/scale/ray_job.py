"""Run the Ray engine for the scale tests; meant to run inside a loopback-only network namespace.

    unshare -n sh -c 'ip link set lo up; python ray_job.py MODE OUT RESULT.json INPUT...'

MODE: ``engine`` (a local Ray with 2 actors), ``cluster`` (a two-node ``ray.cluster_utils.Cluster``),
``kill`` (SIGKILL one coder actor's process after the first finished batch), ``hang`` (the
stub coder of ``hanging_coder.py``, which spins forever on one document, with a 1 s document
timeout).  INPUT and OUT may be paths or URLs.
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


def main(mode: str, out: str, result: str, sources: list[str]) -> None:
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    os.environ["RAY_AUTH_MODE"] = "disabled"
    Path("/tmp/ray/ray_current_cluster").unlink(missing_ok=True)  # left behind by a killed cluster
    killed: list[int] = []
    cluster = None
    run = RayRun(workers=2, batch_size=8)

    def kill_one(summary: RaySummary) -> None:
        if not killed and summary.pids:
            pid = min(summary.pids)
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    try:
        if mode == "cluster":
            import ray
            from ray.cluster_utils import Cluster

            cluster = Cluster(
                initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
            )  # the head runs the driver's read tasks; the coders need the "coder" resource of the two nodes
            for _ in range(2):
                cluster.add_node(num_cpus=1, resources={"coder": 1})
            ray.init(address=cluster.address, log_to_driver=False)
            run = RayRun(workers=2, batch_size=4, actor_resources={"coder": 1})
        elif mode == "kill":
            run = RayRun(workers=2, batch_size=4)
        elif mode == "hang":
            run = RayRun(workers=2, batch_size=4, doc_timeout=1, factory=hanging_coder.spins)
        summary = run_ray(sources, out, run, on_batch=kill_one if mode == "kill" else None)
    finally:
        if cluster is not None:
            import ray

            ray.shutdown()
            cluster.shutdown()
    report = {
        "documents": summary.documents,
        "events": summary.events,
        "failures": summary.failures,
        "duplicates": summary.duplicates,
        "nodes": sorted(summary.nodes),
        "pids": sorted(summary.pids),
        "killed": killed,
        "duration": summary.duration,
    }
    Path(result).write_text(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
