"""`vault-handbook lint PATH...`: check configuration files against the handbook.

Exit status: 0 when there is no error (warnings allowed), 1 when a rule of severity error fired
or a file could not be read, 2 on a usage error (a path that does not exist, a bad option).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from ..errors import DataError
from . import hcl, manifests, values
from .discover import HCL, MANIFEST, SKIPPED, UNREADABLE, VALUES, File, discover
from .findings import Hit, InputProblem, Report, finding, write_json, write_sarif, write_text
from .rules import MKDOCS_YML, Rule, rules

FORMATS = ("text", "json", "sarif")


def handbook_url() -> str:
    from ..site_url import site_url_from_config

    try:
        return site_url_from_config(MKDOCS_YML)
    except (OSError, ValueError):
        return "https://vault-handbook.example.com/"


def version() -> str:
    try:
        return metadata.version("vault-operations-handbook")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def check_file(file: File, report: Report, known: dict[str, Rule], site_url: str) -> None:
    hits: list[Hit] = []
    if file.kind == HCL:
        try:
            hits = hcl.lint_text(file.text)
        except hcl.HclSyntaxError as exc:
            report.problems.append(InputProblem(file.name, exc.line, str(exc)))
    elif file.kind == VALUES:
        if len(file.docs) != 1:
            report.problems.append(InputProblem(file.name, None,
                                                f"a values file is one YAML document, found {len(file.docs)}"))
        for doc in file.docs[:1]:
            found, unreadable = values.lint(doc)
            hits += found
            report.problems += [InputProblem(file.name, line, message) for line, message in unreadable]
    elif file.kind == MANIFEST:
        for doc in manifests.manifests(file.docs):
            hits += manifests.lint(doc)
    report.checked.append((file.name, file.kind))
    report.findings += [finding(hit, file.name, known, site_url) for hit in hits]


def lint(paths: Sequence[Path], site_url: str | None = None) -> Report:
    known = rules()
    url = site_url or handbook_url()
    report = Report()
    for file in discover(list(paths)):
        if file.kind == SKIPPED:
            report.problems.append(InputProblem(file.name, None, file.reason, skipped=True))
        elif file.kind == UNREADABLE:
            report.problems.append(InputProblem(file.name, file.line, file.reason))
        else:
            check_file(file, report, known, url)
    return report


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="vault-handbook",
        description="Check Vault-on-Kubernetes configuration against the Vault Operations Handbook.")
    top.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lint_cmd = commands.add_parser(
        "lint", help="check vault chart values, server HCL and Kubernetes manifests",
        description="Check files or folders: vault chart values (values*.yaml), Vault server HCL (*.hcl) and "
                    "Kubernetes manifests (VSO resources, SecretProviderClasses, pods with injector annotations). "
                    "Exit status 1 when an error is found, 2 on a usage error.")
    lint_cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                          help="a file or a folder (searched recursively)")
    lint_cmd.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    lint_cmd.add_argument("--output", type=Path, help="write the report to this file instead of standard output")
    lint_cmd.add_argument("--handbook-url", help="base URL of the handbook the findings link to "
                                                 "(default: site_url of mkdocs.yml, or SITE_URL)")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"vault-handbook lint: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        known = rules()
        url = args.handbook_url or handbook_url()
        report = lint(args.paths, url)
    except DataError as exc:
        print("vault-handbook lint: the handbook's own data is broken:\n  " + "\n  ".join(exc.problems),
              file=sys.stderr)
        return 2
    if args.format == "json":
        out = write_json(report)
    elif args.format == "sarif":
        out = write_sarif(report, known, url, version())
    else:
        out = write_text(report)
    if args.output:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return report.exit_status()


if __name__ == "__main__":
    sys.exit(main())
