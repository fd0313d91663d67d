"""Lemmatizer: spaCy's lookup lemmatizer, one word at a time instead of one token.

spaCy's lookup lemmatizer makes a Token object for every token of every
finding and looks its text up in the table again, although a report uses the
same few thousand words over and over. This one keeps each word's lemma
once found and sets a finding's lemmas in one array (same lemmas; about a
fifth of the time). The tables save and load with the pipeline as spaCy's
lemmatizer's do; the per-word cache is rebuilt from them, never saved.

On a new pipeline the lookup table is read as a plain dict: spaCy's `Table`
hashes each of its 40,000 words as it loads, a tenth of a second at every
start of every tagging command. It becomes a `Table` only to be saved.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import load_language_data, registry

TABLE = "lemma_lookup"


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
        #: A word -> its lemma: a plain dict as read, or the saved `Table` as loaded.
        self.table: dict = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        orths, lemmas = doc.to_array([ORTH, LEMMA]).T.tolist()
        # Only tokens without a lemma get one, as spaCy's does unless told to overwrite
        # (plain lists: numpy's masks and assignments cost more than the look-ups).
        # A word met before is looked up here, without a call of `lemma_of` for each token.
        known, keep = self.lemmas.get, not self.overwrite
        lemmas = [lemma if keep and lemma else known(orth) or self.lemma_of(orth) for orth, lemma in zip(orths, lemmas)]
        doc.from_array([LEMMA], numpy.array(lemmas, "uint64").reshape(-1, 1))
        return doc

    def lemma_of(self, orth: int) -> int:
        """The lemma (a string-store hash) of the word with this text's hash."""
        lemma = self.lemmas.get(orth)
        if lemma is None:
            text = self.vocab.strings[orth]
            lemma = self.lemmas[orth] = self.vocab.strings.add(self.table.get(text, text))
        return lemma

    def initialize(self, get_examples=None, *, nlp=None, lookups=None):
        self.lemmas = {}  # new tables, new lemmas
        if self.mode != "lookup" or lookups is not None or self.vocab.lang not in registry.lookups:
            super().initialize(get_examples, nlp=nlp, lookups=lookups)
            self.table = self.lookups.get_table(TABLE, {})
            return
        self.table = load_language_data(registry.lookups.get(self.vocab.lang)[TABLE])
        self.lookups = Lookups()  # filled from the table when saved
        self._validated = True

    def to_disk(self, *args, **kwargs):
        self.saveable()
        return super().to_disk(*args, **kwargs)

    def to_bytes(self, *args, **kwargs):
        self.saveable()
        return super().to_bytes(*args, **kwargs)

    def saveable(self) -> None:
        """The lookups, holding the table read as a plain dict, as spaCy saves them."""
        if self.mode == "lookup" and self.table and TABLE not in self.lookups:
            self.lookups.add_table(TABLE, self.table)

    def from_disk(self, *args, **kwargs):
        self.lemmas = {}
        loaded = super().from_disk(*args, **kwargs)
        self.table = self.lookups.get_table(TABLE, {})
        return loaded

    def from_bytes(self, *args, **kwargs):
        self.lemmas = {}
        loaded = super().from_bytes(*args, **kwargs)
        self.table = self.lookups.get_table(TABLE, {})
        return loaded
