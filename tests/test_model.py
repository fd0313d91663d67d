"""model: the plain data between steps, and its way back from JSON (what the cache stores)."""

from __future__ import annotations

import json

import sendscan
from conftest import SAMPLES
from sendscan.model import Classified


def test_a_classified_document_comes_back_whole_from_its_json():
    results, errors = sendscan.classify([str(SAMPLES)], cache=False)
    assert errors == [] and len(results) == 8
    for result in results:
        data = json.loads(json.dumps(result.to_dict()))
        back = Classified.from_dict(data, result.document.text)
        assert back == result, result.document.source
        _, finding = next(back.document.findings())
        assert back.document.text[finding.start:finding.end] == finding.text
