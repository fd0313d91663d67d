"""sendscan: read Ofsted/CQC SEND inspection letters and news reports.

The public API is `extract`, `extract_all`, `classify`, `compare`, `evaluate` and `train`; the data
classes are in `sendscan.model` and user errors derive from
`sendscan.errors.SendscanError`.
"""

__version__ = "0.1.0"

__all__ = ["classify", "compare", "evaluate", "extract", "extract_all", "train", "Notice", "SendscanError", "__version__"]

#: Where each name of the API is defined. They are imported on first use, so
#: that `sendscan --help` and `sendscan --version` do not load the whole
#: library (a fifth of their time).
_HOMES = {"classify": "api", "compare": "api", "evaluate": "api", "extract": "api", "extract_all": "api",
          "train": "api", "Notice": "errors", "SendscanError": "errors"}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'sendscan' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
