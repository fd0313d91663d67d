"""The taxonomy: categories, their patterns and examples, read from YAML.

The file is data that analysts edit, so every problem is reported with the
file, the line and the key, and what to do about it. `load` raises the first
problem as a `TaxonomyError`; `problems` lists them all (for `taxonomy lint`).
Examples are checked against the real pipeline by `sendscan.tag.check_examples`.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .errors import SendscanError

#: The 19 top-level ids fixed by the codebook: the contract with gold files
#: and comparison tables. A taxonomy may add children, never drop these.
CODEBOOK_IDS = (
    "leadership", "self_evaluation", "culture", "coproduction", "workforce", "identification",
    "ehcp_timeliness", "ehcp_quality", "joint_commissioning", "health_waits", "mental_health",
    "exclusions", "alternative_provision", "adulthood", "local_offer", "social_care", "outcomes",
    "funding", "community",
)


class TaxonomyError(SendscanError):
    """A taxonomy file that cannot be used."""

    exit_code = 2


@dataclass
class Problem:
    path: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass
class Pattern:
    value: str | list  # a phrase, or a spaCy token pattern
    weight: float = 1.0
    line: int | None = None


@dataclass
class Category:
    id: str
    label: str
    description: str = ""
    parent: str | None = None
    patterns: list[Pattern] = field(default_factory=list)
    exclude: list[Pattern] = field(default_factory=list)
    match: list[str] = field(default_factory=list)
    no_match: list[str] = field(default_factory=list)
    line: int | None = None


@dataclass
class Taxonomy:
    path: str
    name: str
    categories: list[Category]
    digest: str

    def get(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def top(self, category_id: str) -> str:
        """The top-level (codebook) id a category rolls up to."""
        seen = set()
        category = self.get(category_id)
        while category and category.parent and category.id not in seen:
            seen.add(category.id)
            category = self.get(category.parent)
        return category.id if category else category_id

    def children(self, category_id: str) -> list[Category]:
        return [c for c in self.categories if c.parent == category_id]


def default_path() -> Path:
    """The taxonomy shipped with sendscan."""
    return Path(str(resources.files("sendscan") / "data" / "send.yaml"))


def load(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy at path (default: the shipped one); TaxonomyError on the first problem."""
    path = Path(path) if path else default_path()
    taxonomy, found = parse(path)
    if found:
        raise TaxonomyError(str(found[0]) + (f" (and {len(found) - 1} more: run sendscan taxonomy lint)" if len(found) > 1 else ""))
    return taxonomy


def check_categories(taxonomy: Taxonomy, wanted: list[str]) -> None:
    """UsageError naming the first id that is not a category of the taxonomy,
    with the nearest id and every valid one."""
    import difflib

    from .errors import UsageError

    known = [c.id for c in taxonomy.categories]
    for category in wanted:
        if category not in known:
            near = difflib.get_close_matches(category, known, n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise UsageError(f"unknown category {category!r}{hint}; the categories of {taxonomy.name} are: "
                             f"{', '.join(known)}")


def composed(text: str):
    """The YAML's node tree (for line numbers) and its data, from one parse;
    with libyaml's C parser where PyYAML has it (ten times faster).
    Aliases are refused before anything is built from the tree: a few lines of
    them ("billion laughs") would expand past any memory."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            alias = shared_node(node)
            if alias is not None:
                raise AliasError(alias.start_mark)
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


class AliasError(yaml.MarkedYAMLError):
    def __init__(self, mark):
        super().__init__(problem="aliases (*name) are not allowed in a taxonomy; write the value out",
                         problem_mark=mark)


def shared_node(root):
    """The first node reached twice (an alias's target), or None; each node is visited once."""
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def digest(raw: bytes) -> str:
    """What identifies a taxonomy's content (in cache keys and evaluation reports)."""
    return hashlib.sha256(raw).hexdigest()[:16]


def digest_of(path: str | Path | None = None) -> str:
    """The digest of the taxonomy file at path, without parsing it (cheap)."""
    path = Path(path) if path else default_path()
    try:
        return digest(path.read_bytes())
    except OSError as e:
        raise TaxonomyError(f"cannot be read ({e.strerror or e})", str(path)) from None


def parse(path: Path) -> tuple[Taxonomy | None, list[Problem]]:
    """The taxonomy and every problem of its structure (schema and ids)."""
    name = str(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        return None, [Problem(name, None, "", "no such file")]
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(name, None, "", f"cannot be read ({e})")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(name, None, "", f"is {len(raw) / 2**20:.1f} MB; a taxonomy may be at most "
                                              f"{MAX_FILE_BYTES / 2**20:g} MB")]
    try:
        node, data = composed(text)
    except AliasError as e:
        return None, [Problem(name, e.problem_mark.line + 1, "", e.problem)]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return None, [Problem(name, mark.line + 1 if mark else None, "", f"YAML syntax error: {e.problem}; fix the line or the one before it")]
    except yaml.YAMLError as e:  # a character YAML does not allow (a control character, NUL)
        return None, [Problem(name, line_at(text, getattr(e, "position", None)), "",
                              f"YAML cannot read it: {getattr(e, 'reason', e)} ({character(e)}); remove it")]
    if node is None:
        return None, [Problem(name, None, "", "the file is empty; it needs `version: 1` and `categories:`")]
    lines = node_lines(node)
    valid_before = validated_before(raw)
    found = [] if valid_before else schema_problems(data, name, lines)
    if found:
        return None, found
    taxonomy = build(data, name, lines, digest(raw))
    found = size_problems(taxonomy) or id_problems(taxonomy) + pattern_problems(taxonomy)
    if not found and not valid_before:
        remember_valid(raw)
    return taxonomy, found


def validation_mark(raw: bytes) -> Path:
    """The file whose presence says that these bytes passed the schema before.
    Validating costs a tenth of a second a run (importing jsonschema, then
    walking the file), as much as the rest of classifying a letter; the mark
    is named for all that decides the verdict (the taxonomy's bytes, the
    schema's, sendscan's version) and kept beside the result cache."""
    from . import __version__
    from .cache import default_path

    schema = (resources.files("sendscan") / "data" / "taxonomy.schema.json").read_bytes()
    key = hashlib.sha256(b"\0".join([raw, schema, __version__.encode()])).hexdigest()
    return default_path().parent / "valid-taxonomies" / key


def validated_before(raw: bytes) -> bool:
    return validation_mark(raw).is_file()


def remember_valid(raw: bytes) -> None:
    """Leave the mark; where the cache folder cannot be written, the next run validates again."""
    mark = validation_mark(raw)
    try:
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.touch()
    except OSError:
        pass


def schema_problems(data, name: str, lines: dict[tuple, int]) -> list[Problem]:
    """Schema violations, each at the line of the key it concerns."""
    import jsonschema

    schema = json.loads((resources.files("sendscan") / "data" / "taxonomy.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    found = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        location = tuple(error.absolute_path)
        key = ".".join(str(p) for p in location) or "(top level)"
        found.append(Problem(name, line_of(lines, location), key, schema_message(error)))
    return found


def schema_message(error) -> str:
    """jsonschema's message, made to say what to fix."""
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"{error.message}; allowed keys here: {allowed}"
    weight = error.instance.get("weight", 1) if isinstance(error.instance, dict) else 1
    if error.validator == "oneOf" and not (isinstance(weight, (int, float)) and 0 < weight <= 1):
        return f"weight {weight} is not a number above 0 and at most 1"
    if error.validator == "oneOf":
        return ("a pattern is a phrase (a string), {phrase: ..., weight: ...} or "
                "{tokens: [spaCy token pattern], weight: ...}")
    if error.validator == "pattern" and error.absolute_path and error.absolute_path[-1] == "id":
        return f"{error.instance!r} is not a valid id: lower-case words joined by _, children as parent.child"
    return error.message


def build(data: dict, name: str, lines: dict[tuple, int], digest: str) -> Taxonomy:
    categories = []
    for i, raw in enumerate(data["categories"]):
        where = ("categories", i)
        categories.append(Category(
            id=raw["id"], label=raw["label"], description=raw.get("description", ""),
            parent=raw.get("parent"),
            patterns=[pattern(p, line_of(lines, where + ("patterns", j))) for j, p in enumerate(raw.get("patterns", []))],
            exclude=[pattern(p, line_of(lines, where + ("exclude", j))) for j, p in enumerate(raw.get("exclude", []))],
            match=list(raw.get("examples", {}).get("match", [])),
            no_match=list(raw.get("examples", {}).get("no_match", [])),
            line=line_of(lines, where),
        ))
    return Taxonomy(path=name, name=data.get("name", Path(name).stem), categories=categories, digest=digest)


def pattern(raw, line: int | None) -> Pattern:
    if isinstance(raw, str):
        return Pattern(raw, 1.0, line)
    return Pattern(raw.get("phrase", raw.get("tokens")), float(raw.get("weight", 1.0)), line)


def id_problems(taxonomy: Taxonomy) -> list[Problem]:
    """Duplicate ids, unknown parents, children not named for their parent, missing codebook ids."""
    found, seen = [], set()
    ids = {c.id for c in taxonomy.categories}
    for c in taxonomy.categories:
        if c.id in seen:
            found.append(Problem(taxonomy.path, c.line, c.id, "duplicate id; each category needs its own"))
        seen.add(c.id)
        if c.parent and c.parent not in ids:
            found.append(Problem(taxonomy.path, c.line, c.id, f"unknown parent id {c.parent!r}"))
        if c.parent and not c.id.startswith(c.parent + "."):
            found.append(Problem(taxonomy.path, c.line, c.id, f"a child's id starts with its parent's: {c.parent}.<name>"))
        if not c.parent and c.id not in CODEBOOK_IDS:
            found.append(Problem(taxonomy.path, c.line, c.id,
                                 "not a codebook id; top-level ids are fixed (see codebook), refine one with parent:"))
    for missing in sorted(set(CODEBOOK_IDS) - ids):
        found.append(Problem(taxonomy.path, None, missing, "codebook category missing; every codebook id must stay"))
    return found


#: Bounds on a taxonomy, far above what a real one needs (the shipped one:
#: 35 kB, about 500 patterns, 5 tokens at most in a token pattern), so that a
#: file cannot make lint or classify run for minutes.
MAX_FILE_BYTES = 2**20
MAX_PATTERNS = 5000
MAX_EXAMPLES = 2000
MAX_TOKENS = 20
#: A repeat {n,m} may reach at most this many tokens; at most this many tokens
#: of a pattern may repeat without bound (* or +).
MAX_REPEAT = 10
MAX_UNBOUNDED = 2
MAX_REGEX = 200
#: A quantified group holding a quantifier, "(a+)+", "(\\w*\\s?)*": the
#: shape that backtracks exponentially.
NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,?\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,?\d*\})")
REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")


def size_problems(taxonomy: Taxonomy) -> list[Problem]:
    patterns = sum(len(c.patterns) + len(c.exclude) for c in taxonomy.categories)
    examples = sum(len(c.match) + len(c.no_match) for c in taxonomy.categories)
    found = []
    if patterns > MAX_PATTERNS:
        found.append(Problem(taxonomy.path, None, "", f"{patterns} patterns; a taxonomy may have at most {MAX_PATTERNS}"))
    if examples > MAX_EXAMPLES:
        found.append(Problem(taxonomy.path, None, "", f"{examples} examples; a taxonomy may have at most {MAX_EXAMPLES}"))
    return found


def pattern_problems(taxonomy: Taxonomy) -> list[Problem]:
    """Weights that are not finite numbers, and token patterns that could run
    for minutes or exhaust memory (nested quantifiers in a regex, wide or many
    unbounded repeats), or whose regex does not compile. (spaCy checks the rest
    of a token pattern's shape when the pipeline is built.)"""
    found = []
    for c in taxonomy.categories:
        for kind, patterns in (("patterns", c.patterns), ("exclude", c.exclude)):
            for i, p in enumerate(patterns):
                where = f"{c.id}.{kind}[{i}]"
                if not math.isfinite(p.weight):
                    found.append(Problem(taxonomy.path, p.line, where, f"weight {p.weight} is not a finite number"))
                if isinstance(p.value, list):
                    found.extend(Problem(taxonomy.path, p.line, where, message) for message in token_problems(p.value))
    return found


def token_problems(tokens: list) -> list[str]:
    found = []
    if len(tokens) > MAX_TOKENS:
        found.append(f"{len(tokens)} tokens; a token pattern may have at most {MAX_TOKENS}")
    ops = [str(t.get("OP", "")) for t in tokens if isinstance(t, dict)]
    unbounded = sum(op in ("*", "+") or bool(re.fullmatch(r"\{\d*,\}", op)) for op in ops)
    if unbounded > MAX_UNBOUNDED:
        found.append(f"{unbounded} tokens repeat without bound (* or +); at most {MAX_UNBOUNDED} may, "
                     "or matching can run for minutes: bound them, e.g. OP: \"{0,3}\"")
    for op in ops:
        repeat = REPEAT.fullmatch(op)
        if repeat and repeat.group(2) and not repeat.group(3):
            found.append(f"OP {op!r} repeats without bound; give an upper bound, e.g. {{{repeat.group(1) or 0},3}}")
        elif repeat and int(repeat.group(3) or repeat.group(1) or 0) > MAX_REPEAT:
            found.append(f"OP {op!r} repeats up to {repeat.group(3) or repeat.group(1)} tokens; at most "
                         f"{MAX_REPEAT} are allowed, or matching can exhaust memory")
    found.extend(regex_problem(r) for r in regexes(tokens) if regex_problem(r))
    return found


def regexes(value) -> list[str]:
    """Every REGEX value anywhere in a token pattern."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "REGEX" and isinstance(v, str)] + \
            [r for k, v in value.items() if k != "REGEX" for r in regexes(v)]
    if isinstance(value, list):
        return [r for v in value for r in regexes(v)]
    return []


def regex_problem(pattern: str) -> str | None:
    if len(pattern) > MAX_REGEX:
        return f"a REGEX of {len(pattern)} characters; at most {MAX_REGEX} are allowed"
    try:
        re.compile(pattern)
    except re.error as e:
        return f"REGEX {pattern!r} is not a valid regular expression ({e})"
    if NESTED_QUANTIFIER.search(pattern):
        return (f"REGEX {pattern!r} nests one repeat inside another, which can take exponential time on a "
                "long word; rewrite it without the outer repeat")
    return None


# --- YAML line numbers -----------------------------------------------------


def node_lines(node, path: tuple = ()) -> dict[tuple, int]:
    """Line (1-based) of every key and item, by its path in the data."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines.update(node_lines(value, path + (key.value,)))
            lines[path + (key.value,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(node_lines(item, path + (i,)))
    return lines


def character(error) -> str:
    found = getattr(error, "character", None)
    return f"character #x{found:04x}" if isinstance(found, int) else f"character {found!r}"


def spacy_problem(taxonomy: Taxonomy, error: Exception) -> TaxonomyError:
    """spaCy's refusal of a token pattern (a many-line message naming the rule
    by its pattern id, "category#index"), as one line naming the file's line."""
    text = str(error)
    found = re.search(r"'([a-z_.]+)#(\d+)'", text)
    category = taxonomy.get(found.group(1)) if found else None
    index = int(found.group(2)) if found else 0
    line = category.patterns[index].line if category and index < len(category.patterns) else None
    reasons = "; ".join(m.strip("- ") for m in re.findall(r"^- .+$", text, re.M)) or text.splitlines()[0]
    where = f"{taxonomy.path}:{line}" if line else taxonomy.path
    key = f"{category.id}.patterns[{index}]: " if category else ""
    return TaxonomyError(f"{where}: {key}a token pattern spaCy's Matcher rejects: {reasons}")


def line_at(text: str, position: int | None) -> int | None:
    return text.count("\n", 0, position) + 1 if position is not None else None


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of path, or of its nearest ancestor that has one."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)
