"""The hardware sizing table."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..loading import Handbook
from ..models.sizing import Sizing
from ..sources import source_links
from . import Context, cell, table
from .blocks import Fragment, Row, Source, fragment


def render(data: Sizing) -> Fragment:
    rows = []
    for size in data.sizes:
        cells = [
            cell("name", f"**{escape(size.name)}**<br>{escape(size.use)}"),
            cell("cpu_cores", f"{size.cpu_cores} cores"),
            cell("memory_gb", f"{size.memory_gb} GB"),
            cell("disk_gb_min", f"{size.disk_gb_min:,}+ GB"),
            cell("disk_iops_min", f"{size.disk_iops_min:,}+ IOPS"),
            cell("disk_throughput_mb_s_min", f"{size.disk_throughput_mb_s_min:,}+ MB/s"),
            cell("aws_example", escape(size.aws_example)),
            cell("source", source_links(size.source)),
        ]
        rows.append(Row(size.id, tuple(cells), id=f"size-{size.id}"))
    headers = ["Size", "CPU", "Memory", "Disk", "Disk IOPS", "Disk throughput", "AWS example", "Source"]
    note = Source(fragment(f"Confidence: **{data.confidence}**. {escape(data.confidence_note)}"),
                  (("data-confidence", data.confidence),))
    return fragment(table("sizing", headers, rows), "\n", note, "\n")


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment]]:
    def sizing_table() -> Fragment:
        return render(handbook.sizing)

    return {"sizing_table": sizing_table}
