"""Seeds file → families → Parquet shards, in bounded memory, resumable after any interruption.

The input is cut into shards of ``shard_size`` consecutive lines. A shard is finished when its
commit marker (``OUT/.state/shard-NNNNN.json``) exists; the marker is written, atomically, only
after the shard's Parquet file has been renamed into place. A rerun skips finished shards and redoes
the rest, so after a crash (even SIGKILL) the output equals an uninterrupted run's, row for row:
which lines fall in which shard, and the order of rows in it, depend only on the input.

- ``loop``: ``expand_file`` — lines to workers, figures to the render stage, shards committed;
- ``lines``: what one seed line turned into (``LineResult``) and the worker that makes it;
- ``state``: the resume state under ``OUT/.state/`` (fingerprint, shard markers, partials);
- ``stats``: the counts per corner that the summary and the manifest report.
"""

from variantgen.pipeline.loop import NO_FIGURES, RunOptions, RunResult, expand_file
from variantgen.pipeline.state import STATE_DIR, OutputLocked, OutputMismatch
from variantgen.pipeline.stats import CornerStats, RunStats

__all__ = [
    "NO_FIGURES",
    "STATE_DIR",
    "CornerStats",
    "OutputLocked",
    "OutputMismatch",
    "RunOptions",
    "RunResult",
    "RunStats",
    "expand_file",
]
