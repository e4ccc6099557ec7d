"""The Agent Injector annotation reference and its environment settings."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..badges import INSECURE, badge
from ..loading import Handbook
from ..models.injector_annotations import Annotation, InjectorAnnotations
from ..sources import source_links
from . import Context, cell, table
from .blocks import Fragment, Row, Table, fragment, joined


def _annotation_cell(row: Annotation) -> Fragment:
    marks = []
    if row.enterprise_only:
        marks.append(badge(edition="enterprise"))
    if row.insecure:
        marks.append(INSECURE)
    return fragment(f"`{row.annotation}`", ("<br>", joined(" ", marks)) if marks else None)


def render_group(data: InjectorAnnotations, group_id: str) -> Table:
    rows = [a for a in data.annotations if a.group == group_id]
    if not rows:
        raise ValueError(f"injector_annotations: no annotation in group {group_id!r}")
    out = []
    for row in rows:
        values = f"<br>Values: {', '.join(f'`{v}`' for v in row.values)}" if row.values else ""
        cells = [
            cell("annotation", _annotation_cell(row)),
            cell("default", row.default if row.default is not None else "—"),
            cell("meaning", row.meaning + values),
            cell("since", badge(since=row.since, product="vault-k8s")),
            cell("source", source_links(row.source)),
        ]
        out.append(Row(row.id, tuple(cells), id=f"annotation-{row.id}"))
    return table("injector_annotations", ["Annotation", "Default", "Meaning", "Since (vault-k8s)", "Source"], out)


def render(data: InjectorAnnotations, level: int = 3) -> Fragment:
    """Every group under its own pinned heading, in the order of the data file."""
    parts: list[Fragment | str] = []
    for group in data.groups:
        parts.append(f"\n{'#' * level} {escape(group.title)} {{ #annotations-{group.id} }}\n")
        parts.append(render_group(data, group.id))
    return joined("\n", parts)


def render_index(data: InjectorAnnotations) -> str:
    """A compact A-Z list of every annotation, each linking to its row."""
    items = sorted(data.annotations, key=lambda a: a.annotation)
    return "\n".join(
        f"- [`{a.annotation.removeprefix('vault.hashicorp.com/')}`](#annotation-{a.id})" for a in items
    ) + "\n"


def render_environment(data: InjectorAnnotations) -> Table:
    out = []
    for row in data.environment:
        cells = [
            cell("variable", f"`{row.variable}`"),
            cell("flag", f"`{row.flag}`" if row.flag else "—"),
            cell("default", row.default),
            cell("meaning", row.meaning),
            cell("helm", row.helm or "—"),
            cell("source", source_links(row.source)),
        ]
        out.append(Row(row.id, tuple(cells), id=f"env-{row.id}"))
    headers = ["Environment variable", "Flag", "Default", "Meaning", "Set by Helm from", "Source"]
    return table("injector_environment", headers, out)


def macros(handbook: Handbook, context: Context) -> dict[str, Callable[..., Fragment | Table | str]]:
    data: InjectorAnnotations = handbook.injector_annotations

    def injector_annotations(group: str | None = None, level: int = 3) -> Fragment | Table:
        return render_group(data, group) if group else render(data, level)

    def injector_annotation_index() -> str:
        return render_index(data)

    def injector_environment() -> Table:
        return render_environment(data)

    def injector_annotation_count() -> str:
        return str(len(data.annotations))

    return {
        "injector_annotations": injector_annotations,
        "injector_annotation_index": injector_annotation_index,
        "injector_environment": injector_environment,
        "injector_annotation_count": injector_annotation_count,
    }
