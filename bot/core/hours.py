"""Store hours as an owner types them by text, in English or Québec French: "lun-ven 9h-17h, sam 10h-16h, dim
fermé", "Mon to Fri 9-5, Sat 10am-4pm", "9h à 17h" (every day) → {"mon": ["09:00", "17:00"], ...}. Pure."""

from __future__ import annotations

import re
import unicodedata

from .handoff import DAYS
from .problems import Problem, describe

_DAY_WORDS = {
    "mon": ("mon", "monday", "lun", "lundi"),
    "tue": ("tue", "tues", "tuesday", "mar", "mardi"),
    "wed": ("wed", "wednesday", "mer", "mercredi"),
    "thu": ("thu", "thur", "thurs", "thursday", "jeu", "jeudi"),
    "fri": ("fri", "friday", "ven", "vendredi"),
    "sat": ("sat", "saturday", "sam", "samedi"),
    "sun": ("sun", "sunday", "dim", "dimanche"),
}
_DAY = {word: day for day, words in _DAY_WORDS.items() for word in words}
_DAY_RE = "|".join(sorted(_DAY, key=len, reverse=True))
_TO = r"(?:-|–|to|a|au|through|thru|jusqu'?au)"
_CLOSED = ("closed", "ferme", "fermee", "fermes", "off", "congé", "conge")
_ALWAYS = ("always", "always open", "24/7", "24 7", "toujours", "toujours ouvert", "jamais ferme")

# A time: "9", "9h", "9 h 30", "9h30", "9:30", "9am", "5 pm", "17h00".
_TIME = r"(\d{1,2})(?:\s*(h|:)\s*(\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.)?"
_LEAD = re.compile(r"^(?:de|from|open|ouvert|ouverte|ouverts)\s+")
_SPAN = re.compile(rf"^{_TIME}\s*{_TO}\s*{_TIME}$")
_DAYS = re.compile(rf"^({_DAY_RE})\.?(?:\s*{_TO}\s*({_DAY_RE})\.?)?\s*(?::\s*)?(.*)$")


class HoursError(ValueError):
    """The text does not read as store hours; its `problem` names the piece that doesn't."""

    def __init__(self, code: str, **params):
        self.problem = Problem(code, params)
        super().__init__(describe(self.problem))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _clock(hour: str, _separator: str | None, minute: str | None, meridiem: str | None) -> tuple[int, int]:
    h, m = int(hour), int(minute or 0)
    meridiem = (meridiem or "").replace(".", "")
    if meridiem == "pm" and h < 12:
        h += 12
    elif meridiem == "am" and h == 12:
        h = 0
    if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
        raise HoursError("hours_time", time=f"{hour}h{minute or ''}")
    return h, m


def _span(text: str) -> list[str] | None:
    """'9h-17h' → ["09:00", "17:00"]; 'closed' → None."""
    text = _LEAD.sub("", text.strip(" ,.;:"))
    if text in _CLOSED:
        return None
    m = _SPAN.match(text)
    if m is None:
        raise HoursError("hours_unreadable", part=text[:40])
    start = _clock(*m.group(1, 2, 3, 4))
    end = _clock(*m.group(5, 6, 7, 8))
    bare = not any(m.group(2, 4, 6, 8))
    if end <= start and bare and end[0] < 12:
        end = (end[0] + 12, end[1])  # "9-5": the afternoon, as people say it (not "17h-9h", a 24-hour clock)
    if end <= start:
        raise HoursError("hours_backwards", part=text[:40])
    if end == (24, 0):
        end = (23, 59)
    return [f"{start[0]:02d}:{start[1]:02d}", f"{end[0]:02d}:{end[1]:02d}"]


def read_hours(text: str, current: dict | None = None) -> dict | None:
    """The hours this text gives: a dict by day, None for always open. A text that names opening hours gives the
    whole week (days it doesn't name are closed); one that only closes days ("dim fermé") closes those days in
    the `current` hours. Raises HoursError naming what it could not read, or when no day would be open (that is
    a pause, not hours)."""
    folded = " ".join(_fold(text or "").split())
    if folded in _ALWAYS:
        return None
    if not folded:
        raise HoursError("hours_empty")
    if _DAYS.match(folded) is None:  # times alone: every day
        span = _span(folded)
        hours = {day: span for day in DAYS} if span else {}
    else:
        opened: dict = {}
        closed: set[str] = set()
        for part in re.split(r"\s*[,;/]\s*|\s+(?:et|and)\s+", folded):
            if not part:
                continue
            m = _DAYS.match(part)
            if m is None:
                raise HoursError("hours_no_day", part=part[:40])
            first, last = _DAY[m.group(1)], _DAY.get(m.group(2) or "")
            span = _span(m.group(3))
            a = DAYS.index(first)
            b = DAYS.index(last) if last else a
            for day in DAYS[a : b + 1] if a <= b else DAYS[a:] + DAYS[: b + 1]:  # "sam-lun" wraps round the week
                if span:
                    opened[day] = span
                    closed.discard(day)
                else:
                    opened.pop(day, None)
                    closed.add(day)
        base = {} if opened else dict(current or {day: ["00:00", "23:59"] for day in DAYS})
        hours = {day: span for day, span in {**base, **opened}.items() if day not in closed}
    if not hours:
        raise HoursError("hours_none_open")
    return {day: hours[day] for day in DAYS if day in hours}
