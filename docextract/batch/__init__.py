"""Batch runs that never die: one record per input, always.

Each input is extracted in a worker process with a per-file time limit and a memory cap, so a
hang or a decompression bomb costs that input (status ``timeout`` / ``crashed``), not the run.

- ``inputs``   what the arguments name (folders walked, odd entries kept as records)
- ``outputs``  per-input files mirroring the input tree, written atomically; resume records
- ``worker``   the per-file function and the worker process (dies with its parent)
- ``runner``   the pool: time limits, dead workers replaced, outcomes in order
- ``streams``  stdin and pipes, read with the same size cap and time limit
- ``library``  ``run_batch``, ``extract_many``, ``extract_file`` with a time limit
"""
from .inputs import Input, display_name, iter_inputs
from .library import default_jobs, extract_file, extract_many, run_batch
from .outputs import output_path, write_atomic
from .runner import Outcome, Task, run_tasks
from .worker import extract_one, failed_notice

__all__ = ["Input", "Outcome", "Task", "default_jobs", "display_name", "extract_file", "extract_many", "extract_one",
           "failed_notice", "iter_inputs", "output_path", "run_batch", "run_tasks", "write_atomic"]
