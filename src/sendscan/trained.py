"""Where the trained weights of the checker and sentence polarity are, and
what identifies them (for cache keys) - without importing spaCy, so that a
warm run, which reads everything from the cache, never loads it."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from .errors import SendscanError

#: The components whose trained weights a model folder holds.
TRAINED = ("checker", "polarity")


class ModelError(SendscanError):
    """A model folder that cannot be used."""

    exit_code = 2


def shipped_model() -> Path:
    """The model trained by the project on its gold (scripts/train_model.py)."""
    return Path(str(resources.files("sendscan") / "data" / "model"))


def model_folder(model: str | Path | None) -> Path:
    """The folder of a model given by the user (checked), or the shipped one."""
    if model is None:
        return shipped_model()
    folder = Path(model)
    missing = [name for name in TRAINED if not (folder / name).is_dir()]
    if missing:
        raise ModelError(f"is not a sendscan model (no {'/ or '.join(missing)}/ folder; write one with sendscan train)",
                         str(folder))
    return folder


def model_digest(model: str | Path | None | bool = None) -> str:
    """What identifies a model's weights: a hash of its files ("rules" for none)."""
    if model is False:
        return "rules"
    folder = model_folder(model)
    h = hashlib.sha256()
    for name in TRAINED:
        for file in sorted((folder / name).glob("*")) if (folder / name).is_dir() else []:
            h.update(file.name.encode() + b"\0" + file.read_bytes())
    return h.hexdigest()[:16]
