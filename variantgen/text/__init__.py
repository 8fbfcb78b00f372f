"""Deterministic string work on question texts, one module per job (no language model):

- ``question``: the givens (stem) and the final question sentence (ask), and what the ask is after;
- ``givens``: the numbers, names and measures a text states, and which a rewrite lost;
- ``statement``: a question taken apart for a scenario template (figure, facts, other givens);
- ``grammar``: English for scenarios (clauses, instructions, indirect questions, lists).
"""
