"""Tag: findings -> categories of the taxonomy, with scores, evidence and polarity.

One module per kind of component: `rules` (the taxonomy's patterns to
categories), `checker` (a trained model that confirms, removes or adds
categories), `polarity` (section or sentence polarity), with `features` and
`linear` beneath the two trained ones and `training` that trains them from
gold; `pipeline` builds the spaCy pipeline and runs it over findings.
"""

from .examples import example_problems
from .pipeline import pipeline, tag_document, tag_texts

__all__ = ["example_problems", "pipeline", "tag_document", "tag_texts"]
