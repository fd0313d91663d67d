"""sendscan: read Ofsted/CQC SEND inspection letters and news reports.

The public API is `extract`, `extract_all`, `classify`, `compare`, `evaluate` and `train`; the data
classes are in `sendscan.model` and user errors derive from
`sendscan.errors.SendscanError`.
"""

__version__ = "0.1.0"

from .api import classify, compare, evaluate, extract, extract_all, train  # noqa: E402
from .errors import Notice, SendscanError  # noqa: E402

__all__ = ["classify", "compare", "evaluate", "extract", "extract_all", "train", "Notice", "SendscanError", "__version__"]
