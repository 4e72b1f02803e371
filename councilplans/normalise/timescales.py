"""Turn a printed timescale ("March/April 2025", "Q3 2024/25", "From April 2015") into dates.

Plan tables print deadlines in a dozen dialects; comparing plans needs one date per row. This
module only returns *meaning* (a :class:`Timescale`); the printed text is kept by the caller.

Decisions (documented because the documents themselves are ambiguous):

* A period means its **last day**: "March 2025" -> 2025-03-31, "2025" -> 2025-12-31.
* Several dates in one cell ("March/April 2025", "December 2024 April 2025") -> the **latest**,
  because the row is only done when its last step is.
* "2015/16", "2015-16", "2015/2016", "FY 2015-2016" (consecutive years) are UK financial
  years -> 31 March of the second year. Two whole years joined by a dash or "to"
  ("2021-2022", "2021 to 2022") are a calendar span -> 31 December of the second, as is a
  longer range ("2015-18", "2013-2017"): financial years are printed abbreviated or with a
  slash, and plans from outside the UK print calendar spans this way.
* "Q3 2024/25" is a UK financial-year quarter (Q1 Apr-Jun ... Q4 Jan-Mar of the next year).
  "Q3 2024" with a single year is read literally as a **calendar** quarter (-> 2024-09-30).
* Seasons end on: spring 31 May, summer 31 August, autumn 30 November, winter the end of
  February of the following year ("winter 2024/25" -> 2025-02-28).
* "early/mid/late 2025" -> 31 March / 30 June / 31 December 2025.
* "From April 2015", "April 2015 onwards", "starting Jan 2015" give a ``start_date`` (the first
  day of the period), no due date and recurrence "ongoing" unless the text also has an end.
* Recurrence words (ongoing, quarterly, annual, monthly, ...) are reported as the first one
  printed; they combine with dates ("December 2024/ Quarterly").
* Day-first numeric dates (UK): "01/03/2015" is 1 March 2015.
* Action references glued to timescales in converted PDFs ("1.3.1 Ongoing1.3.2 May 2013") are
  removed before parsing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from councilplans.normalise.model import Timescale
from councilplans.vocabulary import blank_refs, strip_tags

__all__ = ["parse_timescale"]

_MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR4 = r"(?:19|20)\d\d"
_END = r"(?![a-z0-9])"
# "March 25", "Dec 24": a month and a two-digit year, not a day ("25 March") or a range ("25/26")
_TWO_DIGIT_END = r"(?![a-z0-9/]|\s*[-–]\s*\d|\s*,?\s*(?:19|20)\d\d)"
_QUARTER = r"(?:q|quarter\s*)"  # word end that also works after "ongoing1.3.2"-style gluing
_BEG = r"(?<![a-z0-9])"

_RECURRENCE: tuple[tuple[str, str], ...] = (
    (r"on[\s-]?going|continuous(?:ly)?|rolling|throughout|business as usual|bau|en continu",
     "ongoing"),
    (r"quarterly|every quarter|each quarter", "quarterly"),
    (r"six[\s-]?monthly|bi-?annual(?:ly)?|half[\s-]?yearly|twice (?:a|per) year", "six-monthly"),
    (r"annual(?:ly)?|yearly|every year|each year|per annum", "annual"),
    (r"monthly|every month|each month", "monthly"),
    (r"weekly|every week|each week", "weekly"),
    (r"as required|as needed|as and when", "as required"),
)

_EMPTY = {"", "-", "–", "n/a", "na", "none", "tbc", "tba", "tbd", "to be confirmed",
          "to be agreed", "to be determined", "unknown", "?"}  # fmt: skip

_START_BEFORE = re.compile(r"(?:from|starting|start|commencing|beginning|since|w/c)\s*(?:in\s+)?$")
_START_AFTER = re.compile(r"^\s*(?:onwards?|on-wards|and (?:on[\s-]?going|beyond))")

Span = tuple[date, date]  # (first day, last day) of a mentioned period


def _month_no(word: str) -> int:
    return _MONTHS[word.strip(".")[:3]]


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _month_span(year: int, month: int) -> Span:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(y: int, m: int, d: int) -> Span | None:
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    return day, day


def _iso(m: re.Match[str]) -> Span | None:
    return _safe_date(int(m[1]), int(m[2]), int(m[3]))


def _dmy_numeric(m: re.Match[str]) -> Span | None:
    return _safe_date(_year(m[3]), int(m[2]), int(m[1]))


def _dmy_words(m: re.Match[str]) -> Span | None:
    return _safe_date(_year(m[3]), _month_no(m[2]), int(m[1]))


def _mdy_words(m: re.Match[str]) -> Span | None:
    return _safe_date(_year(m[3]), _month_no(m[1]), int(m[2]))


def _fy_quarter(m: re.Match[str]) -> Span | None:
    q, start = int(m["q"]), _year(m["y"])
    end = _year(m["y2"])
    if end % 100 != (start + 1) % 100:
        return None
    month = (6, 9, 12, 3)[q - 1]
    first = _month_span(start if q < 4 else start + 1, month - 2)[0]
    return first, _month_span(start if q < 4 else start + 1, month)[1]


def _fy_half(m: re.Match[str]) -> Span | None:
    """"H1 2025/26": April-September 2025; H2: October 2025-March 2026."""
    start, end = int(m["y"]), _year(m["y2"])
    if end % 100 != (start + 1) % 100:
        return None
    if m["h"] == "1":
        return _month_span(start, 4)[0], _month_span(start, 9)[1]
    return _month_span(start, 10)[0], _month_span(start + 1, 3)[1]


def _cal_quarter(m: re.Match[str]) -> Span | None:
    q, y = int(m[1]), int(m[2])
    return _month_span(y, 3 * q - 2)[0], _month_span(y, 3 * q)[1]


def _month_range(m: re.Match[str]) -> Span | None:
    m1, m2, y = _month_no(m[1]), _month_no(m[2]), _year(m[3])
    first_year = y - 1 if m1 > m2 else y
    return _month_span(first_year, m1)[0], _month_span(y, m2)[1]


def _month_year(m: re.Match[str]) -> Span | None:
    return _month_span(_year(m[2]), _month_no(m[1]))


def _season(m: re.Match[str]) -> Span | None:
    name, y = m[1], int(m[2])
    if name == "winter":
        y2 = _year(m[3]) if m[3] else y + 1
        if y2 != y + 1:
            return None
        return date(y, 12, 1), _month_span(y2, 2)[1]
    first, last = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}[name]
    return _month_span(y, first)[0], _month_span(y, last)[1]


def _year_range(m: re.Match[str]) -> Span | None:
    start, end = int(m["y"]), int(m["y2"])
    if len(m["y2"]) == 2:
        end = start - start % 100 + end
    # UK financial year: "2021/22", "2021-22", "2021/2022", "FY 2021-2022"; two whole years
    # joined by a dash or "to" ("2021-2022") are a calendar span, as longer ranges are
    financial = m["fy"] or m["sep"] == "/" or len(m["y2"]) == 2
    if end == start + 1 and financial:
        return date(start, 4, 1), date(end, 3, 31)
    if start < end <= start + 15:
        return date(start, 1, 1), date(end, 12, 31)
    return None


def _part_year(m: re.Match[str]) -> Span | None:
    y = int(m[2])
    month = {"early": 3, "mid": 6, "middle of": 6, "late": 12}[m[1]]
    return date(y, 1, 1), _month_span(y, month)[1]


def _bare_year(m: re.Match[str]) -> Span | None:
    y = int(m[1])
    return date(y, 1, 1), date(y, 12, 31)


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Span | None]], ...] = tuple(
    (re.compile(p), f)
    for p, f in (
        (rf"{_BEG}({_YEAR4})-(\d{{1,2}})-(\d{{1,2}}){_END}", _iso),
        (rf"{_BEG}(\d{{1,2}})/(\d{{1,2}})/({_YEAR4}|\d\d){_END}", _dmy_numeric),
        (rf"{_BEG}(\d{{1,2}})[.-](\d{{1,2}})[.-]({_YEAR4}){_END}", _dmy_numeric),
        (rf"{_BEG}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\s*,?\s*({_YEAR4}){_END}",
         _dmy_words),
        (rf"{_BEG}({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*({_YEAR4}){_END}", _mdy_words),
        (rf"{_BEG}{_QUARTER}(?P<q>[1-4])\s*(?:of\s+)?(?:fy\s*)?(?P<y>{_YEAR4}|\d\d)\s*[/-]\s*"
         rf"(?P<y2>{_YEAR4}|\d\d){_END}", _fy_quarter),
        (rf"{_BEG}(?:fy\s*)?(?P<y>{_YEAR4})\s*[/-]\s*(?P<y2>{_YEAR4}|\d\d)\s*,?\s*{_QUARTER}"
         rf"(?P<q>[1-4]){_END}", _fy_quarter),
        (rf"{_BEG}{_QUARTER}([1-4])\s*(?:of\s+)?({_YEAR4}){_END}", _cal_quarter),
        (rf"{_BEG}h(?P<h>[12])\s*(?:of\s+)?(?:fy\s*)?(?P<y>{_YEAR4})\s*[/-]\s*"
         rf"(?P<y2>{_YEAR4}|\d\d){_END}", _fy_half),
        (rf"{_BEG}({_MONTH})\s*(?:[/&,-]|to|and|or|until)\s*({_MONTH})\s*,?\s*({_YEAR4}){_END}",
         _month_range),
        (rf"{_BEG}({_MONTH})\s*[-\s,]\s*({_YEAR4}){_END}", _month_year),
        (rf"{_BEG}({_MONTH})\s*[-'’/]\s*(\d\d){_END}", _month_year),
        (rf"{_BEG}({_MONTH})\s*,?\s+'?((?:[12]\d|3\d)){_TWO_DIGIT_END}", _month_year),
        (rf"{_BEG}(spring|summer|autumn|fall|winter)\s*(?:of\s+)?({_YEAR4})"
         rf"(?:\s*[/-]\s*({_YEAR4}|\d\d))?{_END}", _season),
        (rf"{_BEG}(?P<fy>fy\s*)?(?P<y>{_YEAR4})\s*(?P<sep>[/–—-]|to)\s*(?P<y2>{_YEAR4}|\d\d)"
         rf"{_END}", _year_range),
        (rf"{_BEG}(early|mid|middle of|late)[\s-]*({_YEAR4}){_END}", _part_year),
        (rf"{_BEG}({_YEAR4}){_END}", _bare_year),
    )
)

_YEAR_GLUED_REF = re.compile(rf"({_YEAR4})(\d{{1,2}}(?:\.\d{{1,2}})+\.?)")


def _clean(text: str) -> str:
    text = strip_tags(text).lower()
    text = text.replace("–", "-").replace("—", "-").replace("‑", "-").replace("’", "'")
    text = _YEAR_GLUED_REF.sub(r"\1 \2", text)
    text = re.sub(r"\s+", " ", text).strip()
    return blank_refs(text)  # action refs, kept length-neutral


def parse_timescale(text: str | None) -> Timescale:
    """Read the due date, start date and recurrence a printed timescale states.

    Returns ``Timescale(parsed=False)`` for None, empty, "TBC"-like and unreadable text.
    """
    if text is None:
        return Timescale(parsed=False)
    clean = _clean(text)
    if clean.strip(" .:;") in _EMPTY:
        return Timescale(parsed=False)

    work = clean
    dues: list[date] = []
    starts: list[date] = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(work):
            span = handler(m)
            if span is None:
                continue
            is_start = bool(
                _START_BEFORE.search(clean[: m.start()]) or _START_AFTER.match(clean[m.end():])
            )
            if is_start:
                starts.append(span[0])
                if _is_range(m[0]):
                    dues.append(span[1])  # "from March-April 2016": a range with an end
            else:
                dues.append(span[1])
        work = pattern.sub(lambda m: " " * len(m[0]), work)

    recurrence = _recurrence(clean)
    if starts and not dues and recurrence is None:
        recurrence = "ongoing"
    if not dues and not starts and recurrence is None:
        return Timescale(parsed=False)
    return Timescale(
        due_date=max(dues) if dues else None,
        start_date=min(starts) if starts else None,
        recurrence=recurrence,
    )


def _is_range(matched: str) -> bool:
    """True when a matched mention names two months ("march-april 2016"), i.e. has an end."""
    months = re.findall(_MONTH, matched)
    return len(months) >= 2


def _recurrence(clean: str) -> str | None:
    """The first recurrence word printed, as its canonical name."""
    best: tuple[int, str] | None = None
    for pattern, name in _RECURRENCE:
        m = re.search(rf"{_BEG}(?:{pattern}){_END}", clean)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None
