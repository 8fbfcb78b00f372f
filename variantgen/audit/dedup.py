"""Near duplicates within a set, and rows that copy an evaluation benchmark.

Questions are compared after normalisation: lower case, LaTeX and Unicode math written alike,
every number one token ``#`` and every name of points one token ``@`` (a renumbered or relettered copy
is the same question). Two measures, both from maintained libraries:

- **MinHash** (``datasketch``; 128 permutations, word 2-shingles) estimates the Jaccard similarity;
  an LSH index finds the candidate pairs without comparing every pair;
- **13-gram overlap**, the decontamination rule of GPT-3 and Llama: a row that shares any 13-word
  sequence with a benchmark question is a copy (a question shorter than 13 words: all of it);
- for figures, a **perceptual hash** (``imagehash``'s pHash, 64 bits) makes a pair of rows with
  pictures a duplicate only when the pictures are near too (Hamming distance ≤ 10, robust to a
  re-rendered or restyled figure); a figure alone never makes one.

Within a set, pairs from different families are reported (a family's corners share its text on
purpose). Against benchmarks, each flagged row names the benchmark, its row and question.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH

from variantgen.text.latex import plain_text

PERMUTATIONS = 128
#: MinHash Jaccard from which two questions are near-identical (within a set, and against a benchmark).
THRESHOLD = 0.7
NGRAM = 13
#: Most differing bits of two 64-bit perceptual hashes of the same figure.
IMAGE_DISTANCE = 10

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_POINT = re.compile(r"(?<![A-Za-z])[A-Z]{1,5}(?:'|_?\d)?(?![A-Za-z'])")
#: A word, a Chinese character (Chinese runs its words together), or a sign.
_WORD = re.compile(r"[\u3400-\u9fff]|[^\W\d_\u3400-\u9fff]+|[#@∠△⊥∥°π√=+\-*/^]")


def normalise(question: str) -> list[str]:
    """The question's words for comparison (see the module docstring)."""
    text = plain_text(question)
    text = _NUMBER.sub(" # ", _POINT.sub(" @ ", text)).lower()
    return _WORD.findall(text)


def minhash(words: list[str]) -> MinHash:
    signature = MinHash(num_perm=PERMUTATIONS, seed=1)
    shingles = {" ".join(words[i : i + 2]) for i in range(max(1, len(words) - 1))}
    for shingle in shingles:
        signature.update(shingle.encode("utf-8"))
    return signature


def ngrams(words: list[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)} if len(words) >= n else {tuple(words)}


def picture_hash(image: Any) -> Any:
    """pHash of a row's picture (``{bytes, path}`` as rows hold it), or None."""
    import imagehash
    from PIL import Image

    data = image.get("bytes") if isinstance(image, dict) else None
    if not data:
        return None
    with Image.open(io.BytesIO(data)) as picture:
        return imagehash.phash(picture.convert("L"))


@dataclass(frozen=True)
class Entry:
    key: str
    family: str
    words: list[str]
    signature: MinHash
    picture: Any


def entries(rows: Iterable[dict[str, Any]]) -> Iterator[Entry]:
    """Each row read once for both searches: its normalised words, their MinHash, its figure's pHash."""
    for row in rows:
        words = normalise(str(row.get("question", "")))
        yield Entry(str(row["question_id"]), str(row.get("family_id", "")), words, minhash(words), picture_hash(row.get("image")))


def _pictures_agree(a: Entry, b: Entry) -> bool:
    return a.picture is None or b.picture is None or (a.picture - b.picture) <= IMAGE_DISTANCE


def near_duplicates(rows: Iterable[Entry], threshold: float = THRESHOLD) -> list[dict[str, Any]]:
    """Pairs of rows from different families whose questions (and pictures, where both have one) are near-identical."""
    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    seen: dict[str, Entry] = {}
    pairs = []
    for entry in rows:
        for other_key in index.query(entry.signature):
            other = seen[other_key]
            similarity = entry.signature.jaccard(other.signature)
            if other.family != entry.family and similarity >= threshold and _pictures_agree(entry, other):
                pairs.append(
                    {
                        "question_id": entry.key,
                        "duplicate_of": other.key,
                        "similarity": round(similarity, 3),
                        "families": [other.family, entry.family],
                    }
                )
        index.insert(entry.key, entry.signature)
        seen[entry.key] = entry
    return pairs


@dataclass
class Benchmark:
    """An evaluation set's questions, indexed: its name and, per row, the question."""

    name: str
    questions: list[str]

    def __post_init__(self) -> None:
        self.index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
        self.grams: dict[tuple[str, ...], int] = {}
        self.signatures: list[MinHash] = []
        for i, question in enumerate(self.questions):
            words = normalise(question)
            self.signatures.append(signature := minhash(words))
            self.index.insert(str(i), signature)
            for gram in ngrams(words):
                self.grams.setdefault(gram, i)

    def matches(self, entry: Entry) -> dict[str, Any] | None:
        """The benchmark row ``entry`` copies, by a shared 13-gram or near MinHash; None if none."""
        for gram in ngrams(entry.words):
            if gram in self.grams:
                i = self.grams[gram]
                return self._match(i, "13-gram", entry)
        best = max(
            ((entry.signature.jaccard(self.signatures[int(k)]), int(k)) for k in self.index.query(entry.signature)), default=None
        )
        return self._match(best[1], "minhash", entry) if best and best[0] >= THRESHOLD else None

    def _match(self, i: int, how: str, entry: Entry) -> dict[str, Any]:
        return {
            "question_id": entry.key,
            "benchmark": self.name,
            "benchmark_row": i,
            "benchmark_question": self.questions[i],
            "rule": how,
            "similarity": round(entry.signature.jaccard(self.signatures[i]), 3),
        }


def contaminated(rows: Iterable[Entry], benchmarks: list[Benchmark]) -> list[dict[str, Any]]:
    """Each row that copies a row of one of ``benchmarks``, with the match."""
    found = []
    for entry in rows:
        for benchmark in benchmarks:
            if (match := benchmark.matches(entry)) is not None:
                found.append(match)
                break
    return found
