"""Tests of `vault-handbook lint` (macros/lint/), one module per module there."""
