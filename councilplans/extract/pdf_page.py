"""One PDF page read once through pdfium's C API: characters, ruling edges, filled rectangles.

Why raw bindings: pdfplumber re-parses the content stream in Python (seconds and hundreds of MB
on a long plan); pdfium has already parsed it, so a handful of ctypes calls per character or
path is all the work left. Everything returned is in display space: points, origin at the
top-left of the (rotated) crop box, so tables and text compare directly.

Font size and weight are *not* read for every character (that doubles the cost); callers ask
``PageReader.style(index)`` for the few characters whose style they need (one per line / cell).
"""

from __future__ import annotations

import ctypes
import math
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

THIN = 2.5
"""A rectangle no thicker than this (points) is a ruling line, not a shaded area."""

_SPACES = frozenset(" \t\r\n\x00\xa0\u2002\u2003\u2009\u200b")


@dataclass(slots=True)
class Char:
    """A visible character with its loose box (full ascent..descent height, advance width)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    index: int  # pdfium char index, for ``PageReader.style``
    space_before: bool  # a real or pdfium-generated space preceded it in the text stream
    baseline: float = 0.0  # y of the glyph origin: chars of one line share it


@dataclass(slots=True)
class Fill:
    """A filled rectangle (cell shading candidate), painted in ``order`` (later is on top)."""

    x0: float
    top: float
    x1: float
    bottom: float
    rgb: tuple[float, float, float]
    order: int


@dataclass(slots=True)
class PageContent:
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    h_edges: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    v_edges: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    fills: list[Fill] = field(default_factory=list)
    images: int = 0
    # small filled discs drawn as paths (x0, top, x1, bottom): list markers, when text follows
    dots: list[tuple[float, float, float, float]] = field(default_factory=list)


def _abuts(prev: Char, x0: float, height: float, base: float) -> bool:
    """Does a glyph at ``x0`` on baseline ``base`` follow ``prev`` on its line with no gap a
    space would leave?"""
    size = max(height, prev.bottom - prev.top, 1.0)
    return abs(base - prev.baseline) <= 0.3 * size and -0.3 * size <= x0 - prev.x1 <= 0.12 * size


# One run of text (``pdf_overflow``; ``Centres.run_on`` sieves for it): letters on one baseline
# (within this share of their height), never stepping back left by more than this share, and
# at most a word space of this share apart.
RUN_BASELINE = 0.2
RUN_BACKSTEP = 0.1
WORD_SPACE = 0.6


class Centres:
    """The centres of a page's chars as arrays, computed once for the passes that sort chars
    into tables (each asks "which chars lie in which box" of every char on the page)."""

    def __init__(self, chars: list[Char]) -> None:
        self.chars = chars
        box = np.array([(c.x0, c.x1, c.top, c.bottom, c.baseline, c.index) for c in chars],
                       dtype=float).reshape(-1, 6)
        self.cx = (box[:, 0] + box[:, 1]) / 2  # the same float arithmetic as (x0 + x1) / 2
        self.cy = (box[:, 2] + box[:, 3]) / 2
        self.box = box  # x0, x1, top, bottom, baseline, index
        self._word_pairs: dict[float, tuple[np.ndarray, np.ndarray]] = {}

    def word_pairs(self, word_gap: float) -> tuple[np.ndarray, np.ndarray]:
        """Positions (a, b) of letters next to each other in one word: next in the stream with
        no space between, on one baseline, at most ``word_gap`` of their height apart."""
        if word_gap not in self._word_pairs:
            x0, x1, top, bottom, base, index = self.box.T
            blank = np.array([not c.text.strip() for c in self.chars], dtype=bool)
            spaced = np.array([c.space_before for c in self.chars], dtype=bool)
            h = np.maximum(bottom - top, 1e-6)[:-1]
            gap = x0[1:] - x1[:-1]
            ok = ((np.diff(index) == 1) & ~spaced[1:] & ~blank[:-1] & ~blank[1:]
                  & (np.abs(np.diff(base)) <= 0.2 * h) & (gap >= -0.5 * h) & (gap <= word_gap * h))
            a = np.flatnonzero(ok)
            self._word_pairs[word_gap] = (a, a + 1)
        return self._word_pairs[word_gap]

    def run_on(self, here: np.ndarray, rows: np.ndarray, cols: np.ndarray,
               cell: np.ndarray) -> list[tuple[int, int]]:
        """Pairs of char indexes where text among these chars (their slots given) might run on
        into a later cell of its row: next in the stream, one baseline, at most a word space
        apart (a quick sieve for ``pdf_overflow``, which decides). ``cell[row, col]`` numbers
        each slot's cell: a merged cell's slots share one number."""
        if here.size < 2:
            return []
        order = np.argsort(self.box[here, 5], kind="stable")
        x0, x1, top, bottom, base, index = self.box[here[order]].T
        r, c = rows[order], cols[order]
        owner = cell[r, c]
        h = np.maximum(bottom - top, 1e-6)[1:]
        step = np.diff(index)
        pairs = np.flatnonzero(((step == 1) | (step == 2)) & (r[1:] == r[:-1]) & (c[1:] > c[:-1])
                               & (owner[1:] != owner[:-1])
                               & (np.abs(np.diff(base)) <= RUN_BASELINE * h)
                               & (x0[1:] - x1[:-1] <= WORD_SPACE * h)
                               & (x0[1:] >= x0[:-1] - RUN_BACKSTEP * h))
        return [(int(index[k]), int(index[k + 1])) for k in pairs.tolist()]

    def within(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Mask of the chars whose centre lies in the box, edges included."""
        cx, cy = self.cx, self.cy
        return (x0 <= cx) & (cx <= x1) & (y0 <= cy) & (cy <= y1)

    def outside(self, grids, pad: float) -> list[Char]:
        """The chars, in order, whose centre lies in no grid's outline widened by ``pad``."""
        if not grids:
            return list(self.chars)
        free = np.ones(len(self.chars), dtype=bool)
        for g in grids:
            free &= ~self.within(g.xs[0] - pad, g.ys[0] - pad, g.xs[-1] + pad, g.ys[-1] + pad)
        return [self.chars[i] for i in np.flatnonzero(free).tolist()]


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


class PageReader:
    """Holds a page and its text page open while the caller extracts; call ``close``."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.page = page
        self.raw = page.raw
        self.textpage = pdfium_c.FPDFText_LoadPage(self.raw)
        left, bottom, right, top = page.get_cropbox()
        self.rotation = page.get_rotation() % 360
        self._box = (left, bottom, right, top)
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)
        self._style_cache: dict[int, tuple[float, bool]] = {}
        self.turned = False  # read at a turn its /Rotate does not give (sideways text)

    def turn(self, degrees: int) -> None:
        """Show the page turned clockwise by ``degrees`` more than its /Rotate says."""
        self.rotation = (self.rotation + degrees) % 360
        self.turned = True
        left, bottom, right, top = self._box
        w, h = right - left, top - bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    # -- coordinates -------------------------------------------------------------------------
    def to_display(self, x: float, y: float) -> tuple[float, float]:
        """PDF user space -> display space (origin top-left, y down), honouring /Rotate."""
        left, bottom, right, top = self._box
        r = self.rotation
        if r == 0:
            return x - left, top - y
        if r == 90:
            return y - bottom, x - left
        if r == 180:
            return right - x, y - bottom
        return top - y, right - x

    def _rect(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
        ax, ay = self.to_display(x0, y0)
        bx, by = self.to_display(x1, y1)
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    # -- reading -----------------------------------------------------------------------------
    def read(self) -> PageContent:
        content = PageContent(self.width, self.height)
        self._read_chars(content)
        turn = text_turn(content.chars)
        if turn:
            # The text runs down or up the page (a landscape table set sideways in a portrait
            # document): read the page as if its /Rotate turned it upright, so words and
            # tables come out horizontal like on any landscape page.
            self.turn(turn)
            content = PageContent(self.width, self.height)
            self._read_chars(content)
        self._read_objects(content)
        content.fills = coalesce_fills(content.fills)
        fills = []
        hidden = _hidden_sides(content.fills)
        for k, f in enumerate(content.fills):
            if min(f.x1 - f.x0, f.bottom - f.top) <= THIN:
                _add_rule(content, f.x0, f.top, f.x1, f.bottom)
                continue
            # a coloured area's sides rule a table drawn by shading alone
            if min(f.rgb) < 0.97 and k not in hidden:
                _add_box_edges(content, f.x0, f.top, f.x1, f.bottom)
            fills.append(f)
        content.fills = fills
        content.chars.extend(_drawn_bullets(content.dots, content.chars))
        return content

    def _read_chars(self, content: PageContent) -> None:
        tp = self.textpage
        n = pdfium_c.FPDFText_CountChars(tp)
        if n <= 0:
            return
        text = _page_text(tp, n)
        if text is None:  # surrogate pairs shift the indexes: ask char by char
            get_unicode = pdfium_c.FPDFText_GetUnicode
            text = "".join(chr(min(get_unicode(tp, i), 0x10FFFF)) for i in range(n))
        get_box, get_origin = _GET_BOX, _GET_ORIGIN
        handle = _handle(tp)  # the unchecked calls take the bare pointer
        rect = pdfium_c.FS_RECTF()
        ref = ctypes.byref(rect)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
        chars = content.chars
        spaces = _SPACES
        left, bottom, right, top = self._box
        upright = self.rotation == 0
        space = False
        real = False  # since the last char, a separator other than a line break pdfium guessed
        is_generated = pdfium_c.FPDFText_IsGenerated
        generated = is_generated if self.turned else None
        for i, ch in enumerate(text):
            if ch in spaces or ch < " ":
                # on a page read turned, pdfium's own guessed spaces split words ("Com mission"):
                # the gaps between letters decide there
                if generated is None or generated(tp, i) != 1:
                    space = True
                    real = real or ch not in "\r\n" or is_generated(tp, i) != 1
                continue
            if not get_box(handle, i, ref):
                continue
            get_origin(handle, i, ox_ref, oy_ref)
            if upright:
                x0, x1 = rect.left - left, rect.right - left
                y0, y1 = top - rect.top, top - rect.bottom
                base = top - oy.value
            else:
                x0, y0, x1, y1 = self._rect(rect.left, rect.bottom, rect.right, rect.top)
                base = self.to_display(ox.value, oy.value)[1]
            if ch == "\ufffe":
                ch = "-"  # pdfium's mark for a hyphen at a line end
            if not math.isfinite(x0 + y0 + x1 + y1 + base):
                continue  # a damaged matrix or font size: no place on the page
            if space and not real and chars and _abuts(chars[-1], x0, y1 - y0, base):
                space = False  # a glyph drawn on its own, not a new line (Chromium): "S S G"
            chars.append(Char(ch, x0, y0, x1, y1, i, space, base))
            space = real = False

    def _read_objects(self, content: PageContent) -> None:
        n = pdfium_c.FPDFPage_CountObjects(self.raw)
        objs = [pdfium_c.FPDFPage_GetObject(self.raw, i) for i in range(n)]
        self._walk(objs, _IDENTITY, content, [0])

    def _walk(self, objs: list, parent: Matrix, content: PageContent, order: list[int]) -> None:
        matrix = pdfium_c.FS_MATRIX()
        for obj in objs:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                order[0] += 1
                self._path(obj, parent, content, order[0])
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                content.images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
                m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                count = pdfium_c.FPDFFormObj_CountObjects(obj)
                kids = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)]
                self._walk(kids, _compose(m, parent), content, order)

    def _path(self, obj, parent: Matrix, content: PageContent, order: int) -> None:
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        filled, stroked = fill_mode.value != 0, bool(stroke.value)
        if not (filled or stroked):
            return  # clipping path or invisible
        rgb: tuple[float, float, float] | None = None
        if filled:
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
            if a.value == 0:
                filled = False
            else:
                rgb = (r.value / 255, g.value / 255, b.value / 255)
            if not (filled or stroked):
                return
        matrix = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
        a_, b_, c_, d_, e_, f_ = _compose(
            (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent
        )
        x, y = ctypes.c_float(), ctypes.c_float()
        subpaths: list[list[tuple[float, float]]] = []
        current: list[tuple[float, float]] = []
        every: list[tuple[float, float]] = []  # all points, control points of curves included
        moves = 0
        curved = False
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = x.value, y.value
            pt = self.to_display(a_ * px + c_ * py + e_, b_ * px + d_ * py + f_)
            every.append(pt)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                moves += 1
                if len(current) > 1:
                    subpaths.append(current)
                current = [pt]
                continue
            if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                curved = True
                if len(current) > 1:
                    subpaths.append(current)
                current = [pt]  # drop the curve, keep straight runs either side
            else:
                current.append(pt)
            if pdfium_c.FPDFPathSegment_GetClose(seg) and current[0] != current[-1]:
                current.append(current[0])
        if len(current) > 1:
            subpaths.append(current)
        if filled and not stroked and moves == 1 and (curved or len(every) >= 8):
            dot = _dot(every)
            if dot is not None:
                content.dots.append(dot)
                return
        for pts in subpaths:
            box = None if curved else _as_rect(pts)
            if box is not None:
                self._rect_shape(box, filled, stroked, rgb, content, order)
            elif stroked:
                _add_segments(pts, content)

    def _rect_shape(self, box, filled, stroked, rgb, content: PageContent, order: int) -> None:
        x0, top, x1, bottom = box
        w, h = x1 - x0, bottom - top
        thin = min(w, h) <= THIN and max(w, h) > min(w, h)
        if thin and filled and not stroked and rgb is not None:
            # a rule drawn as a filled bar, or one strip of a gradient: decided after coalescing
            content.fills.append(Fill(x0, top, x1, bottom, rgb, order))
            return
        if thin:
            _add_rule(content, x0, top, x1, bottom)
            return
        if stroked:
            _add_box_edges(content, x0, top, x1, bottom)
        if filled and rgb is not None:
            # white fills are kept too: painted over a coloured one they un-shade a cell
            content.fills.append(Fill(x0, top, x1, bottom, rgb, order))

    # -- styles --------------------------------------------------------------------------------
    def style(self, index: int) -> tuple[float, bool]:
        """(font size in points, bold) of char ``index``: weight >= 600 or 'Bold' in the name."""
        if index < 0:
            return (0.0, False)  # a mark drawn as a shape (a bullet disc), not a glyph
        cached = self._style_cache.get(index)
        if cached is not None:
            return cached
        tp = self.textpage
        size = float(pdfium_c.FPDFText_GetFontSize(tp, index))
        weight = pdfium_c.FPDFText_GetFontWeight(tp, index)
        bold = weight >= 600
        if not bold:
            buf = ctypes.create_string_buffer(128)
            flags = ctypes.c_int()
            got = pdfium_c.FPDFText_GetFontInfo(tp, index, buf, 128, flags)
            name = buf.value.decode("utf-8", "replace").lower() if got else ""
            bold = "bold" in name or "black" in name or "heavy" in name or bool(
                flags.value & 0x40000  # ForceBold
            )
        result = (round(size, 2), bold)
        self._style_cache[index] = result
        return result

    def text_object(self, index: int) -> int | None:
        """The page object that draws char ``index`` (an address: equal for one text object),
        None for a drawn mark or where pdfium cannot say."""
        if index < 0 or _GET_OBJECT is None:
            return None
        return ctypes.cast(_GET_OBJECT(self.textpage, index), ctypes.c_void_p).value

    def close(self) -> None:
        pdfium_c.FPDFText_ClosePage(self.textpage)
        self.page.close()


DOT_MIN, DOT_MAX = 1.0, 8.0  # a list marker's diameter (points)
DOT_SHARE = 0.6  # ... at most this share of the height of the text it marks


def _dot(pts: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The box of a small round (or many-sided) filled shape, else None."""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if not (DOT_MIN <= w <= DOT_MAX and DOT_MIN <= h <= DOT_MAX) or max(w, h) > 1.3 * min(w, h):
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def _drawn_bullets(dots: list[tuple[float, float, float, float]], chars: list[Char]) -> list[Char]:
    """Bullets drawn as discs (Chromium's list markers): a "•" char on the line of the text that
    starts just right of the disc, at the disc's middle height. Discs with no such text (chart
    dots, decorations) stay drawings."""
    if not dots or not chars:
        return []
    out = []
    by_x = sorted(chars, key=lambda c: c.x0)
    starts = [c.x0 for c in by_x]
    for x0, top, x1, bottom in dots:
        mid, size = (top + bottom) / 2, max(x1 - x0, bottom - top)
        best = None
        for k in range(bisect_left(starts, x1), len(by_x)):
            c = by_x[k]
            height = c.bottom - c.top
            if c.x0 - x1 > 3 * height:
                if c.x0 - x1 > 3 * DOT_MAX / DOT_SHARE:
                    break
                continue
            if c.top < mid < c.bottom and size <= DOT_SHARE * height:
                best = c
                break
        if best is not None:
            out.append(Char("\u2022", x0, best.top, x1, best.bottom, -1, False, best.baseline))
    return out


def _add_rule(content: PageContent, x0: float, top: float, x1: float, bottom: float) -> None:
    """A thin box is a line along its long side."""
    if x1 - x0 >= bottom - top:
        content.h_edges.append(((top + bottom) / 2, x0, x1))
    else:
        content.v_edges.append(((x0 + x1) / 2, top, bottom))


def _add_box_edges(content: PageContent, x0: float, top: float, x1: float, bottom: float) -> None:
    content.h_edges.extend([(top, x0, x1), (bottom, x0, x1)])
    content.v_edges.extend([(x0, top, bottom), (x1, top, bottom)])


def _similar(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2])) <= 0.04


# Gradient strips are a few points tall. Taller fills stacked keep their boundary, whether in
# near colours (a shaded header over a tinted row) or in one (two cells of a tinted column,
# a group cell over the next: joined, they would read as one cell merged down the table).
GRADIENT_STRIP = 4.0


def coalesce_fills(fills: list[Fill]) -> list[Fill]:
    """Join strips of a gradient (touching fills, same extent, colour drifting a step at a time).

    Gradients are often drawn as dozens of thin rectangles; unjoined, each strip's sides would
    look like row rules and cut one shaded cell into dozens of rows.
    """
    out: list[Fill] = []
    for vertical in (True, False):
        if vertical:
            key = sorted(fills, key=lambda f: (round(f.x0), round(f.x1), f.top))
        else:
            key = sorted(out, key=lambda f: (round(f.top), round(f.bottom), f.x0))
            out = []
        for f in key:
            last = out[-1] if out else None
            if last is not None and _similar(last.rgb, f.rgb) and (
                (vertical and abs(last.x0 - f.x0) < 0.6 and abs(last.x1 - f.x1) < 0.6
                 and -0.6 < f.top - last.bottom < 1.0
                 and f.bottom - f.top <= GRADIENT_STRIP)
                or (not vertical and abs(last.top - f.top) < 0.6
                    and abs(last.bottom - f.bottom) < 0.6 and -0.6 < f.x0 - last.x1 < 1.0)
            ):
                out[-1] = Fill(last.x0, last.top, max(last.x1, f.x1), max(last.bottom, f.bottom),
                               f.rgb, max(last.order, f.order))
                continue
            out.append(f)
    return out


TURN_MIN_PAIRS = 20
TURN_SAMPLE = 200  # letter pairs looked at per page
TURN_SHARE = 0.6


def text_turn(chars: list[Char]) -> int:
    """The clockwise turn (0, 90, 180, 270) that makes most of a page's text read left to right.

    Judged from neighbouring letters of one word (next in the text stream, no space between):
    their step runs right on an upright page, up the page for text turned anticlockwise.
    """
    votes = [0, 0, 0, 0]  # right, up, left, down: the turn that fixes them is 0, 90, 180, 270
    step = max(1, len(chars) // TURN_SAMPLE)  # a sample is enough: the whole page is turned
    for k in range(0, len(chars) - 1, step):
        a, b = chars[k], chars[k + 1]
        if b.index != a.index + 1 or b.space_before:
            continue
        dx = (b.x0 + b.x1 - a.x0 - a.x1) / 2
        dy = (b.top + b.bottom - a.top - a.bottom) / 2
        if abs(dx) > abs(dy):
            votes[0 if dx > 0 else 2] += 1
        elif abs(dy) > abs(dx):
            votes[1 if dy < 0 else 3] += 1
    total = sum(votes)
    best = max(range(4), key=votes.__getitem__)
    if best == 0 or total < TURN_MIN_PAIRS or votes[best] < TURN_SHARE * total:
        return 0
    return 90 * best


NESTED_MAX = 1500  # fills of one colour beyond this are not checked for nesting (cost)


def _hidden_sides(fills: list[Fill]) -> set[int]:
    """Indexes of fills lying inside a larger fill of the same colour.

    Designed PDFs paint a padded text box inside each shaded cell (InDesign, Word's cell
    margins): its sides are invisible, same colour on same colour, and taken as rules they
    cut sliver columns and rows into the grid.
    """
    by_colour: dict[tuple[int, int, int], list[int]] = {}
    for k, f in enumerate(fills):
        if min(f.rgb) < 0.97 and min(f.x1 - f.x0, f.bottom - f.top) > THIN:
            key = (round(f.rgb[0] * 25), round(f.rgb[1] * 25), round(f.rgb[2] * 25))
            by_colour.setdefault(key, []).append(k)
    hidden: set[int] = set()
    for group in by_colour.values():
        if len(group) < 2 or len(group) > NESTED_MAX:
            continue
        group.sort(key=lambda k: -(fills[k].x1 - fills[k].x0) * (fills[k].bottom - fills[k].top))
        for i, k in enumerate(group):
            f = fills[k]
            for j in group[:i]:
                o = fills[j]
                if (o.x0 - 0.5 <= f.x0 and f.x1 <= o.x1 + 0.5 and o.top - 0.5 <= f.top
                        and f.bottom <= o.bottom + 0.5):
                    hidden.add(k)
                    break
    return hidden


def _unchecked(fn):
    """``fn`` called without its declared argument types: about four times cheaper a call.

    The per-character loop makes two pdfium calls for each of a page's thousands of chars, and
    ctypes checking each pointer argument against the bindings' struct pointer types cost more
    than pdfium's work (0.6 of 0.9 s on the 123-page plan's chars). Callers pass only a
    ``c_void_p`` handle, a Python int for a C int and ``byref`` pointers, which ctypes passes
    unchanged; the return type (a C int) is kept.
    """
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = fn.restype
    return bare


def _handle(pointer) -> ctypes.c_void_p:
    return ctypes.cast(pointer, ctypes.c_void_p)


_GET_BOX = _unchecked(pdfium_c.FPDFText_GetLooseCharBox)  # (textpage, int, FS_RECTF*) -> int
_GET_ORIGIN = _unchecked(pdfium_c.FPDFText_GetCharOrigin)  # (textpage, int, double*, double*)
_GET_OBJECT = getattr(pdfium_c, "FPDFText_GetTextObject", None)  # (textpage, int) -> object


def _page_text(textpage, n: int) -> str | None:
    """All n chars in one call; None when the UTF-16 text does not line up with char indexes."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    out = ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort))
    got = pdfium_c.FPDFText_GetText(textpage, 0, n, out)
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    return text if len(text) == n else None


def _as_rect(pts: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The axis-aligned rectangle a closed 4-corner subpath draws, else None."""
    if len(pts) not in (4, 5):
        return None
    if len(pts) == 5:
        if abs(pts[0][0] - pts[4][0]) > 0.5 or abs(pts[0][1] - pts[4][1]) > 0.5:
            return None
        pts = pts[:4]
    xs = sorted(p[0] for p in pts)
    ys = sorted(p[1] for p in pts)
    if xs[1] - xs[0] > 0.5 or xs[3] - xs[2] > 0.5 or ys[1] - ys[0] > 0.5 or ys[3] - ys[2] > 0.5:
        return None
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1], strict=True):
        if abs(ax - bx) > 0.5 and abs(ay - by) > 0.5:
            return None  # a diagonal side: not a rectangle
    return (xs[0], ys[0], xs[3], ys[3])


def _add_segments(pts: list[tuple[float, float]], content: PageContent) -> None:
    """Axis-aligned straight segments of a stroked polyline become ruling edges."""
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        if abs(ay - by) <= 0.5 and abs(ax - bx) >= 1:
            content.h_edges.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= 0.5 and abs(ay - by) >= 1:
            content.v_edges.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
