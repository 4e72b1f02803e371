"""Document-level facts: title, councils, document type, period, version and status.

These let plans be compared by council, type and period without opening them. Everything
comes from the front of the document, because that is where councils print it: the title
page, a document-control table, the first headings.

Decisions:

* Title: the document-properties title if it is meaningful (not a file name, not
  "Microsoft Word - x.docx", not "Document1"); else the first block styled Title / heading
  level 1; else (PDF) the largest-font text on page 1, joined across up to 3 consecutive
  lines of that size; else the first of the first few blocks that names a document type
  ("... Delivery Plan 2012-2015"), else the first non-trivial block.
* doc_type: the most specific keyword in the title wins (performance matrix > action plan >
  delivery plan > annual report > strategy), so "Strategy Action Plan" is an action plan;
  only when the title says nothing are the early text blocks searched, in the same order.
* Period: the first year range in the title ("2024-2029", "2012-15", "2015/16" -> 2015, 2016),
  else the first in the early text.
* Version / status: a two-column key/value document-control table ("Version number" | "V0.3",
  "Status" | "Draft") wins; else "V0.3" / "Version 2" and "Draft" / "Final" near the title.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

from councilplans.extract.model import RawDocument, RawTable, TextBlock
from councilplans.normalise.model import DocumentMeta
from councilplans.normalise.organisations import councils_in
from councilplans.normalise.text import join_lines
from councilplans.vocabulary import SECTION_WORDS

__all__ = ["document_meta", "find_period", "find_doc_type"]

EARLY_BLOCKS = 40
TITLE_AREA_BLOCKS = 6
COVER_LINE_CHARS = 120

_DOC_TYPES: tuple[tuple[str, str], ...] = (
    ("performance matrix", r"performance\s+(?:matrix|framework|monitoring\s+framework|"
                           r"scorecard|dashboard)|\bscorecard\b|\bkpi\s+dashboard"),
    ("action plan", r"action\s+plan|improvement\s+plan"),
    ("delivery plan", r"delivery\s+plan|implementation\s+plan"),
    ("annual report", r"annual\s+report|progress\s+report|end\s+of\s+year\s+report"),
    ("strategy", r"strateg(?:y|ies)"),
)

_BAD_TITLE = re.compile(
    r"^(?:microsoft\s+(?:word|powerpoint|excel)\s*-|untitled|document\s*\d*$|"
    r"powerpoint\s+presentation$|slide\s*\d*$|title$|none$)",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|rtf|odt|xlsx?|pptx?)$|^[\w.-]+_[\w.-]+$", re.IGNORECASE)

_PERIOD = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*(?:[-–—/]|\s+to\s+)\s*((?:19|20)\d\d|\d\d)(?![\d/.-])"
)
_VERSION = re.compile(r"\b(?:v|ver\.?|version)\s*(\d+(?:\.\d+)*)\b", re.IGNORECASE)
_VERSION_VALUE = re.compile(r"^(?:v(?:ersion)?\s*)?\d+(?:\.\d+)*[a-z]?$", re.IGNORECASE)
_STATUS_WORDS = re.compile(
    r"\b(consultation\s+draft|final\s+draft|draft|final|approved|agreed|adopted|published)\b",
    re.IGNORECASE,
)
_VERSION_KEYS = {"version", "version number", "version no", "version no.", "document version",
                 "version ref", "issue", "issue number"}  # fmt: skip
_STATUS_KEYS = {"status", "document status", "approval status"}


_NUMBERED = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[ivx]+\.)\s+\S")
# "Priority 1: Preventing Harm" set as large as the title starts the body, not the title
_SECTION_LABEL = re.compile(rf"\s*{SECTION_WORDS}\s+(?:\d+|[A-Z]|[ivx]+)\b\s*[:.\-–]",
                            re.IGNORECASE)

# Text a reader never takes for the title however large it is printed: a stamp or watermark
# ("DRAFT", "OFFICIAL - SENSITIVE"), a memo's field label or its value line ("From: ...",
# "Subject:"), an address block (a line with a UK postcode, a salutation).
_STAMP = re.compile(
    r"^(?:(?:draft|final|confidential|official|sensitive|restricted|unrestricted|protect(?:ed)?|"
    r"not\s+protectively\s+marked|exempt|private|copy|sample|specimen|for\s+publication|"
    r"not\s+for\s+publication|internal(?:\s+use)?(?:\s+only)?|commercial(?:\s+in\s+confidence)?|"
    r"in\s+confidence|embargoed|superseded|withdrawn|v(?:ersion)?\s*\d+(?:\.\d+)*)"
    r"[\s\-–—:/|]*)+$",
    re.IGNORECASE,
)
_MEMO_LABEL = re.compile(
    r"^(?:from|to|cc|bcc|subject|re|date|classification|summary|recommendations?|"
    r"(?:our|your)\s+ref(?:erence)?|ref(?:erence)?|key\s+decision(?:\s+no\.?)?|"
    r"decision\s+no\.?|electoral\s+divisions?|wards?\s+affected|report\s+author|"
    r"contact(?:\s+officer)?|future\s+pathway\s+of\s+report|by)\s*:",
    re.IGNORECASE,
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_SALUTATION = re.compile(r"^(?:dear|yours\s+(?:sincerely|faithfully))\b", re.IGNORECASE)


def _never_title(text: str) -> bool:
    """Whether a line is a stamp, a memo header or an address block (see above)."""
    t = _clean(text)
    return bool(not t or _STAMP.match(t) or _MEMO_LABEL.match(t) or t.endswith(":")
                or _POSTCODE.search(text) or _SALUTATION.match(t))


def _memo_subject(blocks: list[TextBlock]) -> str | None:
    """A memo's or committee report's title is its "Subject:" line, printed as a field."""
    for i, b in enumerate(blocks[:EARLY_BLOCKS]):
        t = _clean(b.text)
        m = re.match(r"^(?:subject|re|title)\s*:\s*(.*)$", t, re.IGNORECASE)
        if not m:
            continue
        value = m[1] or next((_clean(n.text) for n in blocks[i + 1 : i + 3]
                              if _clean(n.text) and not _never_title(n.text)), "")
        return value.rstrip(".") or None
    return None


def _clean(text: str) -> str:
    text = join_lines(re.sub(r"<[^>]+>|\*\*", " ", text).split("\n"))
    return re.sub(r"\s+", " ", text).strip()


def _meaningful_title(title: str | None) -> bool:
    if not title:
        return False
    t = _clean(title)
    if len(t) < 4 or not re.search(r"[A-Za-z]{3}", t) or _never_title(t):
        return False
    return not (_BAD_TITLE.search(t) or _FILE_NAME.search(t))


def _title_from_blocks(blocks: list[TextBlock]) -> str | None:
    texts = [b for b in blocks if not _never_title(b.text)]
    if subject := _memo_subject(blocks):
        return subject
    for b in texts:
        if b.style.lower() == "title" or b.heading_level == 1:
            return _clean(b.text)
    first_page = [b for b in texts if b.page in (None, 1) and b.size > 0][:EARLY_BLOCKS]
    if first_page:
        biggest = max(b.size for b in first_page)
        start = next(i for i, b in enumerate(first_page) if b.size >= biggest - 0.5)
        lines = []
        for i, b in enumerate(first_page[start : start + 3]):
            if b.size < biggest - 0.5 or (i and (_NUMBERED.match(b.text)
                                                 or _SECTION_LABEL.match(b.text))):
                break  # smaller print, or a numbered section heading set as large as the title
            lines.append(_clean(b.text))
        return join_lines(lines)
    candidates = [_clean(b.text) for b in texts[:TITLE_AREA_BLOCKS] if len(_clean(b.text)) >= 4]
    typed = next((t for t in candidates if len(t) <= 200 and find_doc_type([t])), None)
    return typed or (candidates[0] if candidates else None)


def _has_title_style(blocks: list[TextBlock]) -> bool:
    return any(b.style.lower() == "title" for b in blocks)


def find_doc_type(texts: Iterable[str]) -> str | None:
    """Most specific document type named in the texts, tried as one group (see module doc)."""
    joined = " \n ".join(texts).lower()
    for name, pattern in _DOC_TYPES:
        if re.search(pattern, joined):
            return name
    return None


def find_period(text: str) -> tuple[int, int] | None:
    """First plausible year range in a text: "2012-15" -> (2012, 2015)."""
    for m in _PERIOD.finditer(text):
        start, end_text = int(m[1]), m[2]
        end = start - start % 100 + int(end_text) if len(end_text) == 2 else int(end_text)
        if start < end <= start + 10:
            return start, end
    return None


def _key_values(table: RawTable) -> list[tuple[str, str]]:
    pairs = []
    for row in table.rows:
        cells = [_clean(c.text) for c in row if c.origin is None and _clean(c.text)]
        if len(cells) >= 2:
            pairs.append((cells[0].lower().rstrip(":").strip(), cells[1]))
    return pairs


def _control_table(tables: Iterable[RawTable]) -> tuple[str | None, str | None]:
    """(version, status) from key/value document-control tables, values validated."""
    version = status = None
    for table in tables:
        for key, value in _key_values(table):
            if version is None and key in _VERSION_KEYS and _VERSION_VALUE.match(value):
                version = value
            elif (
                status is None
                and key in _STATUS_KEYS
                and len(value.split()) <= 4
                and value.lower() not in {"date", "version", "author", "status"}
            ):
                status = value
        if version and status:
            break
    return version, status


def _councils(texts: Iterable[str]) -> tuple[str, ...]:
    """Councils the texts name, in order of first mention, none with another line's words.

    Read as one text, a name printed as "Kent County Council" picks up the words of the line
    above it (a heading, a stamp: "Introduction Kent County Council"). A name that ends with
    one found inside a single line is cut back to it; a name the gazetteer knows across lines
    ("Royal Borough of" / "Kensington and Chelsea") stands.
    """
    texts = list(texts)
    per_line = {n for text in texts for line in text.split("\n") for n in councils_in(line)}
    out: list[str] = []
    for name in councils_in("\n".join(texts)):
        shorter = [n for n in per_line if name.endswith(" " + n)]
        out.append(max(shorter, key=len) if shorter else name)
    return tuple(dict.fromkeys(out))


def _most_named(doc: RawDocument, limit: int = 400) -> tuple[str, ...]:
    """The council(s) a document names most often, when its front page names none.

    A performance matrix often starts straight with its tables, yet names its council in the
    rows ("Agencies across Tower Hamlets", "LBTH DV Team"). Twice at least, so that one passing
    mention of a neighbour does not make it the owner.
    """
    texts = itertools.islice(doc.texts(), limit)
    counts = Counter(name for text in texts for name in _councils([text]))
    if not counts:
        return ()
    top = max(counts.values())
    return tuple(name for name, n in counts.items() if n == top and n >= 2)


def document_meta(doc: RawDocument) -> DocumentMeta:
    """Title, councils, type, period, version and status of a raw document."""
    early: list[TextBlock] = []
    early_tables: list[RawTable] = []
    for block in doc.blocks:
        if isinstance(block, TextBlock):
            if len(early) < EARLY_BLOCKS:
                early.append(block)
        elif len(early_tables) < 5 and len(early) < EARLY_BLOCKS:
            early_tables.append(block)

    # What a reader sees wins over document properties, which are often stale or a file name:
    # a PDF's largest line on page one, a Word file's Title paragraph.
    printed = _title_from_blocks(early)
    if not _meaningful_title(printed) or (doc.format == "docx" and not _has_title_style(early)):
        printed = None
    title = printed or (_clean(doc.title) if _meaningful_title(doc.title) else None)
    title = title or _title_from_blocks(early)
    early_texts = [_clean(b.text) for b in early if _clean(b.text)]
    title_area = [title or "", *early_texts[:TITLE_AREA_BLOCKS]]

    # The title area names the owner; further down the front matter, neighbours get mentioned.
    printed_lines = [b.text for b in early if _clean(b.text)]  # line breaks kept
    organisations = (_councils([title or "", *printed_lines[:TITLE_AREA_BLOCKS]])
                     or _councils([title or "", *printed_lines])
                     or _councils(doc.furniture) or _most_named(doc))
    doc_type = find_doc_type([title]) if title else None
    doc_type = doc_type or find_doc_type(early_texts)
    # The period is printed with the title, or on a short line of the cover ("2015-16"); a year
    # range inside the prose ("by 2028/29") is a target, not the plan's period.
    cover_lines = [t for t in early_texts[:TITLE_AREA_BLOCKS] if len(t) <= COVER_LINE_CHARS]
    period = (find_period(title) if title else None) or find_period("\n".join(cover_lines))

    version, status = _control_table(early_tables)
    if version is None:
        m = _VERSION.search("\n".join(title_area))
        version = m[0].strip() if m else None
    if status is None:
        m = _STATUS_WORDS.search("\n".join(title_area))
        status = m[1].capitalize() if m else None

    return DocumentMeta(
        title=title,
        organisations=organisations,
        doc_type=doc_type,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        version=version,
        status=status,
    )
