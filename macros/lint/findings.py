"""Findings and their three output formats: text (`file:line: severity rule: message`), JSON and
SARIF 2.1.0 (for code-scanning UIs)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

from .rules import Rule, rule_url

Severity = Literal["error", "warning"]
TOOL_NAME = "vault-handbook"


@dataclass(frozen=True)
class Hit:
    """What a checker found: the rule it breaks, the line (1-based) and what is wrong."""

    rule: str
    line: int
    message: str


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    file: str
    line: int
    message: str
    help_url: str


@dataclass(frozen=True)
class InputProblem:
    """A file that could not be checked (it does not parse), or was skipped (unknown kind)."""

    file: str
    line: int | None
    message: str
    skipped: bool = False  # True: not a kind the linter checks; False: unreadable, counts as an error


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    checked: list[tuple[str, str]] = field(default_factory=list)  # (file, kind)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings) + sum(not p.skipped for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)

    def exit_status(self) -> int:
        return 1 if self.errors else 0


def finding(hit: Hit, file: str, rules: dict[str, Rule], site_url: str) -> Finding:
    rule = rules[hit.rule]
    return Finding(rule=rule.id, severity=rule.severity, file=file, line=max(hit.line, 1),
                   message=hit.message, help_url=rule_url(rule, site_url))


def write_text(report: Report) -> str:
    lines: list[str] = []
    for problem in report.problems:
        where = f"{problem.file}:{problem.line}" if problem.line else problem.file
        lines.append(f"{where}: {'skipped' if problem.skipped else 'error'}: {problem.message}")
    for f in sorted(report.findings, key=lambda f: (f.file, f.line, f.rule)):
        lines.append(f"{f.file}:{f.line}: {f.severity} {f.rule}: {f.message}")
        lines.append(f"    see {f.help_url}")
    files = len(report.checked)
    lines.append(f"{files} file{'s' if files != 1 else ''} checked: {report.errors} error(s), "
                 f"{report.warnings} warning(s), {sum(p.skipped for p in report.problems)} skipped")
    return "\n".join(lines) + "\n"


def write_json(report: Report) -> str:
    return json.dumps({
        "findings": [asdict(f) for f in sorted(report.findings, key=lambda f: (f.file, f.line, f.rule))],
        "unreadable": [{"file": p.file, "line": p.line, "message": p.message}
                       for p in report.problems if not p.skipped],
        "skipped": [{"file": p.file, "message": p.message} for p in report.problems if p.skipped],
        "checked": [{"file": file, "kind": kind} for file, kind in report.checked],
        "errors": report.errors,
        "warnings": report.warnings,
    }, indent=2) + "\n"


def write_sarif(report: Report, rules: dict[str, Rule], site_url: str, version: str) -> str:
    """One run; every rule in the data as a reportingDescriptor, each finding as a result."""
    ordered = list(rules.values())
    index = {rule.id: n for n, rule in enumerate(ordered)}
    descriptors = [{
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.checks},
        "fullDescription": {"text": rule.why},
        "helpUri": rule_url(rule, site_url),
        "help": {"text": f"{rule.why} See {rule_url(rule, site_url)}"},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"kind": rule.kind},
    } for rule in ordered]
    results = [{
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": f.severity,
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": f.file},
            "region": {"startLine": f.line},
        }}],
    } for f in sorted(report.findings, key=lambda f: (f.file, f.line, f.rule))]
    notifications = [{
        "level": "note" if p.skipped else "error",
        "message": {"text": p.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": p.file},
            **({"region": {"startLine": p.line}} if p.line else {}),
        }}],
    } for p in report.problems]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": version,
                "informationUri": site_url,
                "rules": descriptors,
            }},
            "invocations": [{
                "executionSuccessful": not any(not p.skipped for p in report.problems),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    }
    return json.dumps(log, indent=2) + "\n"
