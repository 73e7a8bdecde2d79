"""Skills and occupation similarity on Chinese text: jieba's words, weighted by TF-IDF over the
postings, compared by cosine.

A word is a jieba token of two characters or more (single characters such as 的、和 carry
little), Latin letters lower-cased. The IDF is the postings' own: a word every posting uses
says little, a word few use says much. A person's text and a posting's text are unit vectors,
so their product is the cosine, between 0 (no word in common) and 1.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jieba
import numpy as np
from scipy import sparse

jieba.setLogLevel(logging.WARNING)
WORD = re.compile(r"[\w]{2,}")  # two or more letters, digits or Han characters


@lru_cache(maxsize=200_000)
def words(text: str) -> tuple[str, ...]:
    """The words of a text that count for similarity, in order (repeats kept)."""
    return tuple(
        token.lower() for token in jieba.lcut(text) if WORD.fullmatch(token.strip()) is not None
    )


@dataclass(frozen=True)
class Vocabulary:
    """The words of the postings' texts, their column and their IDF."""

    columns: dict[str, int]
    idf: np.ndarray

    def weight(self, word: str) -> float:
        column = self.columns.get(word)
        return 0.0 if column is None else float(self.idf[column])


def vocabulary(documents: Sequence[Sequence[str]]) -> Vocabulary:
    """Columns and smoothed IDF, ln((1 + n) / (1 + df)) + 1, over the postings' word lists."""
    frequency: Counter[str] = Counter()
    for document in documents:
        frequency.update(set(document))
    columns = {word: i for i, word in enumerate(sorted(frequency))}
    n = len(documents)
    idf = np.array(
        [math.log((1 + n) / (1 + frequency[word])) + 1 for word in columns], dtype=np.float64
    )
    return Vocabulary(columns=columns, idf=idf)


def tfidf_rows(documents: Iterable[Sequence[str]], vocab: Vocabulary) -> sparse.csr_matrix:
    """One L2-normalised TF-IDF row per document; words the postings never use are dropped."""
    indptr, indices, data = [0], [], []
    for document in documents:
        counts = Counter(vocab.columns[w] for w in document if w in vocab.columns)
        if counts:
            cols = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
            values = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values *= vocab.idf[cols]
            values /= math.sqrt(float(values @ values))
            order = np.argsort(cols)
            indices.append(cols[order])
            data.append(values[order])
        indptr.append(indptr[-1] + len(counts))
    width = len(vocab.columns)
    return sparse.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32),
            np.array(indptr, dtype=np.int64),
        ),
        shape=(len(indptr) - 1, width),
    )


def words_in_common(
    person_words: Sequence[str], posting_words: Sequence[str], vocab: Vocabulary, most: int = 5
) -> list[str]:
    """The words both texts use, the rarest (most telling) first, then in the person's order."""
    shared = [w for w in dict.fromkeys(person_words) if w in set(posting_words)]
    return sorted(shared, key=lambda w: -vocab.weight(w))[:most]
