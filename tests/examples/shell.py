"""Shell blocks (shell, bash, sh, console, zsh): copyable commands that really exist.

* No line starts with a ``$ `` prompt: the copy button would copy it. Output belongs in its own
  ``text`` block.
* The block parses as shell (bashlex; `bash -n` for the few constructs bashlex does not
  implement, such as ``case`` and arithmetic).
* Every ``vault`` invocation - also behind ``kubectl exec ... --``, ``sh -c '...'``, ``$(...)``
  and ``sudo``/``env``/``watch`` - starts with a real command path from
  data/examples/vault_cli.yaml; a path that only groups subcommands must be followed by one.

Placeholders in angle brackets (``<namespace>``) are the handbook's convention; for parsing they
are read as plain words, since ``<x>`` would otherwise be a redirection.
"""

from __future__ import annotations

import functools
import re
import subprocess
from typing import Any

import bashlex
import yaml

from .collect import Block
from .paths import VAULT_CLI

PROMPT = re.compile(r"^\s*\$ ")
PLACEHOLDER = re.compile(r"<([A-Za-z][A-Za-z0-9_.-]*)>")
QUOTED_HEREDOC = re.compile(r"""<<(-?)\s*(['"])(\w+)\2""")
WRAPPERS = frozenset({"sudo", "env", "time", "nohup", "exec", "command", "watch", "timeout", "xargs"})
SHELLS = frozenset({"sh", "bash", "zsh", "/bin/sh", "/bin/bash"})
EXEC_TOOLS = frozenset({"kubectl", "oc"})


@functools.cache
def vault_commands() -> tuple[frozenset[str], frozenset[str]]:
    """(all command paths, paths that only group subcommands)."""
    data = yaml.safe_load(VAULT_CLI.read_text(encoding="utf-8"))
    paths = frozenset(c["path"] for c in data["commands"])
    groups = frozenset(c["path"] for c in data["commands"] if c.get("group"))
    return paths, groups


def check_vault_argv(args: list[str]) -> list[str]:
    """Problems with the words after `vault` in one invocation."""
    paths, groups = vault_commands()
    words = [a for a in args if not a.startswith("-")]
    if not words:
        return ["`vault` with no command"]
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if candidate not in paths:
            break
        current = candidate
    if not current:
        return [f"`vault {words[0]}` is not a vault command"]
    if current in groups:
        children = sorted(p.split(" ")[-1] for p in paths if p.startswith(current + " ") and p.count(" ") == current.count(" ") + 1)
        following = words[len(current.split(" "))] if len(words) > len(current.split(" ")) else None
        if following is None:
            return [f"`vault {current}` needs a subcommand ({', '.join(children)})"]
        return [f"`vault {current} {following}`: {following!r} is not a subcommand of `vault {current}` ({', '.join(children)})"]
    return []


def _strip_wrapper(words: list[str]) -> list[str]:
    """Drop sudo/env/watch and their options so the wrapped command comes first."""
    while words and words[0].rsplit("/", 1)[-1] in WRAPPERS:
        words = words[1:]
        while words and (words[0].startswith("-") or "=" in words[0] or words[0].isdigit()):
            words = words[1:]
    return words


def _check_words(words: list[str]) -> list[str]:
    words = _strip_wrapper(words)
    if not words:
        return []
    program = words[0].rsplit("/", 1)[-1]
    if program == "vault":
        return check_vault_argv(words[1:])
    if program in EXEC_TOOLS and "exec" in words and "--" in words:
        return _check_words(words[words.index("--") + 1:])
    script = shell_c_script(words)
    if script is not None:
        return check_script(script)
    return []


def shell_c_script(argv: list[str]) -> str | None:
    """The script of `sh -c '<script>'` (also -ec, -euc ...), or None for any other command."""
    if not argv or argv[0] not in SHELLS:
        return None
    for index, arg in enumerate(argv[1:-1], start=1):
        if re.fullmatch(r"-[a-z]*c[a-z]*", arg):
            return argv[index + 1]
    return None


class _Commands(bashlex.ast.nodevisitor):
    def __init__(self) -> None:
        self.commands: list[list[str]] = []

    def visitcommand(self, node: Any, parts: list[Any]) -> None:
        self.commands.append([p.word for p in parts if p.kind == "word"])


def _bash_n(script: str) -> str | None:
    """Syntax-check with bash itself; None when it parses."""
    result = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, check=False)
    return None if result.returncode == 0 else " ".join(result.stderr.split())


def check_script(script: str) -> list[str]:
    """Problems with a shell script: parse errors and vault invocations."""
    script = PLACEHOLDER.sub(lambda m: "PLACEHOLDER_" + m[1], script)
    try:
        # bashlex rejects quoted here-document delimiters (<<'EOF'); the quotes only stop
        # expansion inside the body, so the unquoted form has the same syntax.
        trees = bashlex.parse(QUOTED_HEREDOC.sub(r"<<\1\3", script))
    except (NotImplementedError, bashlex.errors.ParsingError) as exc:
        # bashlex lacks a few constructs (case, arithmetic) and has parsing gaps: bash itself
        # has the last word. When bash accepts the script, its vault invocations go unchecked.
        error = _bash_n(script)
        if error is None:
            return []
        detail = error if isinstance(exc, NotImplementedError) else " ".join(str(exc).split())
        return [f"does not parse as shell: {detail}"]
    visitor = _Commands()
    for tree in trees:
        visitor.visit(tree)
    problems: list[str] = []
    for words in visitor.commands:
        problems += _check_words(words)
    return problems


def check(block: Block) -> list[str]:
    lines = block.text.splitlines()
    prompts = [n for n, line in enumerate(lines, start=1) if PROMPT.match(line)]
    problems = [
        f"{block.where}: line {n} starts with a `$ ` prompt; the copy button would copy it "
        "(drop the prompt; put output in its own ```text block)"
        for n in prompts
    ]
    # With prompts, the other lines are output: check only the commands.
    script = "\n".join(PROMPT.sub("", lines[n - 1]) for n in prompts) if prompts else block.text
    problems += [f"{block.where}: {p}" for p in check_script(script)]
    return problems
