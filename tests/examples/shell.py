"""Shell blocks (shell, bash, sh, console, zsh): copyable commands that really exist.

* No line starts with a ``$ `` prompt: the copy button would copy it. Output belongs in its own
  ``text`` block.
* The block parses as shell (bashlex; `bash -n` for the few constructs bashlex does not
  implement, such as ``case`` and arithmetic).
* Every ``vault`` invocation - also behind ``kubectl exec ... --``, ``sh -c '...'``, ``$(...)``
  and ``sudo``/``env``/``watch`` - starts with a real command path from
  data/examples/vault_cli.yaml; a path that only groups subcommands must be followed by one.
* A ``vault`` command that needs a token and runs in a pod - behind ``kubectl exec ... --``, or
  in a container's command (tests/examples/kubernetes.py) - gets one from the block: the vault
  chart puts none in its pods. Accepted: ``env VAULT_TOKEN=...`` or ``VAULT_TOKEN=...`` on the
  command itself, ``VAULT_TOKEN`` set or exported in the block (or in the container's env), or
  ``vault login`` earlier in the block. A token passed in from the caller's shell
  (``VAULT_TOKEN="$VAULT_TOKEN"``) also needs a ``# Token: <what token>`` comment line saying
  where it comes from. Commands that need no token are in data/examples/vault_token_free.yaml.

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
from .paths import VAULT_CLI, VAULT_TOKEN_FREE

PROMPT = re.compile(r"^\s*\$ ")
PLACEHOLDER = re.compile(r"<([A-Za-z][A-Za-z0-9_.-]*)>")
QUOTED_HEREDOC = re.compile(r"""<<(-?)\s*(['"])(\w+)\2""")
WRAPPERS = frozenset({"sudo", "env", "time", "nohup", "exec", "command", "watch", "timeout", "xargs"})
SHELLS = frozenset({"sh", "bash", "zsh", "/bin/sh", "/bin/bash"})
EXEC_TOOLS = frozenset({"kubectl", "oc"})
TOKEN_COMMENT = re.compile(r"^\s*#\s*Token:\s*\S", re.MULTILINE)
TOKEN_ASSIGNMENT = re.compile(r"^VAULT_TOKEN=")


@functools.cache
def vault_commands() -> tuple[frozenset[str], frozenset[str]]:
    """(all command paths, paths that only group subcommands)."""
    data = yaml.safe_load(VAULT_CLI.read_text(encoding="utf-8"))
    paths = frozenset(c["path"] for c in data["commands"])
    groups = frozenset(c["path"] for c in data["commands"] if c.get("group"))
    return paths, groups


@functools.cache
def token_free_commands() -> frozenset[str]:
    """Command paths that call only unauthenticated endpoints, or no server."""
    data = yaml.safe_load(VAULT_TOKEN_FREE.read_text(encoding="utf-8"))
    return frozenset(c["path"] for c in data["commands"])


def vault_path(args: list[str]) -> str:
    """The longest command path the words after `vault` start with ("" when none)."""
    paths, _ = vault_commands()
    current = ""
    for word in (a for a in args if not a.startswith("-")):
        candidate = f"{current} {word}".strip()
        if candidate not in paths:
            break
        current = candidate
    return current


def needs_token(args: list[str]) -> str | None:
    """The command path when a valid `vault ...` invocation needs a token, else None."""
    if check_vault_argv(args):
        return None  # reported as an unknown command instead
    path = vault_path(args)
    return None if path in token_free_commands() else path


def missing_token(path: str, where: str) -> str:
    return (f"`vault {path}` needs a Vault token but runs {where} without one: the vault chart puts "
            "no token in its pods. Pass one (`-- env VAULT_TOKEN=\"$VAULT_TOKEN\" vault ...`, with a "
            "`# Token: <what token>` comment saying where it comes from), run `vault login` first, "
            "or set VAULT_TOKEN in the Job's env")


def unexplained_token(path: str) -> str:
    return (f"`vault {path}` gets $VAULT_TOKEN from the caller's shell, but the block says nowhere "
            "what that token is: add a `# Token: <what token>` comment line")


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


class _TokenContext:
    """What the block so far has done to supply a Vault token."""

    def __init__(self, text: str) -> None:
        self.commented = bool(TOKEN_COMMENT.search(text))
        self.supplied = False  # VAULT_TOKEN set in the block, or `vault login` run

    def note(self, assignments: list[str], words: list[str]) -> None:
        if any(TOKEN_ASSIGNMENT.match(a) for a in assignments):
            self.supplied = True
        if words and words[0] in ("export", "declare", "local", "readonly") and any(
                TOKEN_ASSIGNMENT.match(w) for w in words[1:]):
            self.supplied = True


def _check_words(words: list[str], ctx: _TokenContext | None = None, in_pod: str | None = None,
                 assignments: tuple[str, ...] = ()) -> list[str]:
    ctx = ctx or _TokenContext("")
    env = list(assignments)
    stripped = _strip_wrapper(words)
    env += [w for w in words[:len(words) - len(stripped)] if "=" in w]
    words = stripped
    if not words:
        return []
    program = words[0].rsplit("/", 1)[-1]
    if program == "vault":
        problems = check_vault_argv(words[1:])
        path = vault_path(words[1:])
        if path == "login" or path.startswith("login "):
            ctx.supplied = True
        elif in_pod and (path := needs_token(words[1:])) is not None:
            passed = [a for a in env if TOKEN_ASSIGNMENT.match(a)]
            if not passed and not ctx.supplied:
                problems.append(missing_token(path, in_pod))
            elif passed and any("$VAULT_TOKEN" in a or "${VAULT_TOKEN}" in a for a in passed) \
                    and not ctx.commented and not ctx.supplied:
                problems.append(unexplained_token(path))
        return problems
    if program in EXEC_TOOLS and "exec" in words and "--" in words:
        return _check_words(words[words.index("--") + 1:], ctx, in_pod=f"in a pod through `{program} exec`")
    script = shell_c_script(words)
    if script is not None:
        return check_script(script, ctx, in_pod, tuple(env))
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
        self.commands: list[tuple[list[str], list[str]]] = []  # (assignments, words)

    def visitcommand(self, node: Any, parts: list[Any]) -> None:
        self.commands.append(([p.word for p in parts if p.kind == "assignment"],
                              [p.word for p in parts if p.kind == "word"]))


def _bash_n(script: str) -> str | None:
    """Syntax-check with bash itself; None when it parses."""
    result = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, check=False)
    return None if result.returncode == 0 else " ".join(result.stderr.split())


def check_script(script: str, ctx: _TokenContext | None = None, in_pod: str | None = None,
                 assignments: tuple[str, ...] = ()) -> list[str]:
    """Problems with a shell script: parse errors and vault invocations.

    `ctx` carries what the enclosing block did to supply a token; `in_pod` says the script runs
    in a pod (how, for the message), where a token-needing vault command must get one.
    """
    if ctx is None:
        ctx = _TokenContext(script)
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
    for assigned, words in visitor.commands:
        ctx.note(assigned, words)
        problems += _check_words(words, ctx, in_pod, tuple(assigned) + assignments)
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
    problems += [f"{block.where}: {p}" for p in check_script(script, _TokenContext(block.text))]
    return problems
