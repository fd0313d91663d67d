"""Lemmatizer: spaCy's lookup lemmatizer, one word at a time instead of one token.

spaCy's lookup lemmatizer makes a Token object for every token of every
finding and looks its text up in the table again, although a report uses the
same few thousand words over and over. This one keeps each word's lemma
once found and sets a finding's lemmas in one array (same lemmas; about a
fifth of the time). The tables save and load with the pipeline as spaCy's
lemmatizer's do; the per-word cache is rebuilt from them, never saved.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc


@Language.factory(
    "sendscan_lemmatizer_v1",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "lookup", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_lemmatizer(nlp, model, name: str, mode: str, overwrite: bool, scorer):
    return CachedLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)


class CachedLemmatizer(Lemmatizer):
    """spaCy's Lemmatizer; in lookup mode, a word's lemma is looked up once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: A word's text -> its lemma, both as string-store hashes.
        self.lemmas: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        found = doc.to_array([ORTH, LEMMA])
        # Only tokens without a lemma get one, as spaCy's does unless told to overwrite.
        wanted = numpy.ones(len(doc), bool) if self.overwrite else found[:, 1] == 0
        if wanted.any():
            found[wanted, 1] = [self.lemma_of(orth) for orth in found[wanted, 0].tolist()]
            doc.from_array([LEMMA], found[:, 1:])
        return doc

    def lemma_of(self, orth: int) -> int:
        """The lemma (a string-store hash) of the word with this text's hash."""
        lemma = self.lemmas.get(orth)
        if lemma is None:
            text = self.vocab.strings[orth]
            lemma = self.lemmas[orth] = self.vocab.strings.add(self.lookups.get_table("lemma_lookup", {}).get(text, text))
        return lemma

    def initialize(self, get_examples=None, *, nlp=None, lookups=None):
        self.lemmas = {}  # new tables, new lemmas
        return super().initialize(get_examples, nlp=nlp, lookups=lookups)

    def from_disk(self, *args, **kwargs):
        self.lemmas = {}
        return super().from_disk(*args, **kwargs)

    def from_bytes(self, *args, **kwargs):
        self.lemmas = {}
        return super().from_bytes(*args, **kwargs)
