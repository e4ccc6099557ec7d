"""The handbook as a linter: `vault-handbook lint PATH...` checks a team's own vault chart values,
server HCL and Kubernetes manifests against what the handbook's data knows.

`discover` finds the files and says what each is; `values`, `hcl` and `manifests` check one kind
each and return `Hit`s (rule id, line, message); `rules` loads data/lint_rules.yaml, which gives
every rule its severity, reason and handbook section; `findings` turns hits into findings and
writes them as text, JSON or SARIF; `cli` wires it together. The examples checker in
tests/examples imports the same checks, so a handbook example and a team's file are judged by
one implementation.
"""
