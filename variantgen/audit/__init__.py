"""Is the ladder really harder, and is the set its own? ``variantgen audit`` and ``variantgen dedup``.

- ``signals``: offline difficulty signals per row (knowledge points, derivation depth, figure
  objects, question tokens, answer kind) and how well each follows the ladder;
- ``solver``: a solver endpoint answers every row ``k`` times, graded as the trainer's reward grades;
- ``ladder``: accuracy per corner with Wilson intervals, the MathBook-Pro trajectory, per family
  the ladder check, inversions, worst-case accuracy and never-solved bases, per knowledge point;
- ``dedup``: near-duplicate rows within a set (MinHash over the question, a perceptual hash of the
  figure) and rows that copy an evaluation benchmark (13-gram overlap, MinHash);
- ``filtered``: a copy of OUT without the rows or families a check flagged.
"""
