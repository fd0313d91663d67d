"""Building the tagging pipeline and running it over findings.

A blank English spaCy pipeline (nothing to download):

    lemmatizer (lookup tables, a word at a time) -> ruler (the taxonomy's patterns, as data: spaCy's
    span ruler, indexed by word) -> categorizer -> checker -> polarity

There is no sentencizer: each doc is already one finding (structure splits
narrative into sentences). The sendscan components are registered factories
whose settings live in the pipeline's config and whose trained weights save
with it, so `nlp.to_disk(path)` and `spacy.load(path)` give the same
pipeline back. The trained weights shipped with sendscan are such a saved
pipeline's `checker` and `polarity` folders, in `sendscan/data/model`
(`sendscan.trained` says where, without importing spaCy).
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..model import NEWS_TYPES, Document, Finding, Section, Tag
from ..taxonomy import Taxonomy
from ..trained import TRAINED, ModelError, model_folder
from . import checker, lemmatizer, polarity, rules  # noqa: F401  (registers the factories)

def pipeline(taxonomy: Taxonomy, model: str | Path | None | bool = None) -> Language:
    """A blank English pipeline that tags text with this taxonomy's categories.

    `model`: a folder written by `sendscan train` (or any saved sendscan
    pipeline), None for the model shipped with sendscan, False for the rules
    alone (untrained checker and polarity)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sendscan_lemmatizer_v1", name="lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("sendscan_ruler_v1", name="ruler")
    nlp.add_pipe("sendscan_categorizer_v1", name="categorizer",
                 config={"weights": rules.weights_of(taxonomy), "parents": rules.parents_of(taxonomy)})
    nlp.add_pipe("sendscan_checker_v2", name="checker")
    nlp.add_pipe("sendscan_polarity_v2", name="polarity")
    nlp.initialize()  # loads the lemma lookup tables from spacy-lookups-data
    nlp.get_pipe("ruler").add_patterns(rules.ruler_patterns(taxonomy))
    if model is not False:
        load_weights(nlp, model_folder(model))
    nlp.meta["sendscan_taxonomy"] = {"name": taxonomy.name, "digest": taxonomy.digest}
    return nlp


def load_weights(nlp: Language, folder: Path) -> None:
    """The trained components' weights from a model folder (the shipped one may
    be absent from a source tree not yet trained: then the rules work alone)."""
    for name in TRAINED:
        if (folder / name).is_dir():
            try:
                nlp.get_pipe(name).from_disk(folder / name)
            except (OSError, ValueError, KeyError, TypeError) as e:
                raise ModelError(f"is not a sendscan model ({name}: {e})", str(folder)) from None


def finding_docs(nlp: Language, pairs: list[tuple[Section, Finding]], linked: bool = True,
                 outcome: str | None = None, paragraph_starts: set[int] | None = None):
    """Docs for findings, each knowing its section (for polarity) and, in
    narrative, its neighbours: the sentence before it ("This means..." or
    "However, ..." is about what that sentence said), the one after, and the
    sentences of its paragraph (`paragraph_starts`: the ids of the findings
    that open one; the checker weighs what a paragraph is about). `tagged`
    runs each component over all the docs in order, so the neighbours have
    been through the components before it when the checker meets them.
    `linked=False` for news: a reporter's "But inspectors also..." turns from
    the sentence before, often someone else's words, rather than going on with it.
    `outcome`: a 2023 report's outcome, which the polarity model weighs."""
    previous: tuple[Section, Doc] | None = None
    paragraph: list[Doc] = []
    for section, finding in pairs:
        doc = nlp.make_doc(finding.text.lower())
        doc.user_data["section"] = section.kind
        if outcome:
            doc.user_data["outcome"] = outcome
        if section.verdict:
            doc.user_data["verdict"] = section.verdict
        if linked and section.kind == "narrative":
            if previous and previous[0] is section:
                doc.user_data["previous"] = previous[1]
                previous[1].user_data["next"] = doc
            if paragraph_starts is not None:
                if id(finding) in paragraph_starts or "previous" not in doc.user_data:
                    paragraph = []
                paragraph.append(doc)
                doc.user_data["paragraph"] = paragraph
        previous = (section, doc)
        yield doc


def document_docs(nlp: Language, document: Document):
    """`finding_docs` for every finding of a document. A news story is not
    linked, and its outcome is not weighed: a story about a positive report
    is made of the report's criticisms as often as of its praise."""
    report = document.doc_type not in NEWS_TYPES
    pairs = list(document.findings())
    return finding_docs(nlp, pairs, linked=report, outcome=document.metadata.outcome if report else None,
                        paragraph_starts=paragraph_starts(document, pairs))


def paragraph_starts(document: Document, pairs: list[tuple[Section, Finding]]) -> set[int]:
    """The ids of the findings that open a paragraph: the text between one
    and the finding before holds a blank line (as the PDF sets paragraphs apart)."""
    starts, end = set(), None
    for _, finding in pairs:
        if end is None or "\n\n" in document.text[end:finding.start]:
            starts.add(id(finding))
        end = finding.end
    return starts


def tagged(nlp: Language, docs) -> list[Doc]:
    """The docs through the pipeline, one component at a time over all of
    them, in order (as spaCy's own `Language.__call__` runs them over one).
    Not `nlp.pipe`, which takes each doc through every component before the
    next: passed over one after another, a component's tables (the ruler's
    matchers, the models' weights) stay in the processor's cache, and tagging
    a report costs about a fifth less. A component that takes docs in
    batches (`pipe`, as spaCy's trained ones do) is given them so."""
    docs = list(docs)
    for _, component in nlp.pipeline:
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
    return docs


def tag_texts(nlp: Language, texts: list[str], section: str | None = None) -> list[Tag]:
    """Tag free sentences (taxonomy examples, tests) as if from one section kind."""
    pairs = [(Section(kind=section or "narrative", title="", page=0), Finding(t, 0, 0, len(t))) for t in texts]
    return [Tag(d._.polarity, d._.categories) for d in tagged(nlp, finding_docs(nlp, pairs))]


def tag_document(nlp: Language, document: Document) -> list[Tag]:
    """One Tag per finding of the document, in `document.findings()` order."""
    return [Tag(d._.polarity, d._.categories) for d in tagged(nlp, document_docs(nlp, document))]
