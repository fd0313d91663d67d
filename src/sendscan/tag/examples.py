"""The taxonomy's own examples, run through its rules: for `sendscan taxonomy lint`."""

from __future__ import annotations

from spacy.language import Language

from ..taxonomy import Problem, Taxonomy
from .pipeline import pipeline, tag_texts


def example_problems(taxonomy: Taxonomy, nlp: Language | None = None) -> list[Problem]:
    """Examples that do not behave as the taxonomy declares, and patterns spaCy rejects.

    Examples speak of the patterns, so they run through the rules alone (the
    trained checker would blur which pattern is at fault)."""
    try:
        nlp = nlp or pipeline(taxonomy, model=False)
    except ValueError as e:  # the span ruler validates token patterns
        return [Problem(taxonomy.path, None, "patterns", f"a token pattern is not valid for spaCy's Matcher: {e}")]
    found = []
    for c in taxonomy.categories:
        texts = c.match + c.no_match
        for text, result in zip(texts, tag_texts(nlp, texts)):
            got = any(c.id == h["id"] or c.id in h.get("via", []) for h in result.categories)
            if text in c.match and not got:
                found.append(Problem(taxonomy.path, c.line, c.id, f"example should match but does not: {text!r}"))
            if text in c.no_match and got:
                evidence = next((h["evidence"] for h in result.categories if h["id"] == c.id), [])
                found.append(Problem(taxonomy.path, c.line, c.id, f"example should not match but does (on {evidence}): {text!r}"))
    return found
