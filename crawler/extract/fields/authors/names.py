"""Author strings as pages give them -> a clean list of person names."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

_URL = re.compile(r"^(?:https?:)?//\S+$|^www\.\S+$", re.I)
#: A URL or bare domain inside a byline ("Jane Roe - http://roe.de", "Web GmbH www.web.de").
_INNER_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
#: Social network profiles name a handle or the publisher's page, not an author.
_SOCIAL_HOSTS = re.compile(
    r"(?:^|\.)(?:facebook|fb|twitter|x|instagram|linkedin|youtube|tiktok|pinterest|plus\.google|"
    r"threads|mastodon\.social|bsky)\.(?:com|app|net)$",
    re.I,
)
#: Labels before the names; "Text und Fotos:" and "Words and pictures:" are one label.
_CREDIT_WORDS = (
    r"(?:text|texte|fotos?|photos?|bilder?|illustrations?|interview|recherche|words|pictures)"
)
_BY_PREFIX = re.compile(
    r"^\s*(?:(?:post\s+)?author(?:ed)?\s*:?\s*|autor(?:in|en|[/*_:]in(?:nen)?)?\s*:?\s*|"
    r"verfasst\s+|"
    r"(?:publicad[oa]|publi(?:é|e)e?|pubblicat[oa]|escrit[oa]|(?:é|e)crite?|scritt[oa])\s+|"
    r"geschrieben\s+|ver(?:ö|oe)ffentlicht\s+|interview\s*:\s*|written\s+|"
    r"(?:ein\s+)?(?:artikel|beitrag|pressemitteilung|text|fotos?)\s+||reported\s+|posted\s+|published\s+|story\s+|words\s+)?"
    r"(?:by|von|vom|par|por|di|da|door|af|av)\s*[:\-]?\s+|^\s*(?-i:by)(?=[A-Z\u00c0-\u00de])"
    rf"|^\s*{_CREDIT_WORDS}(?:\s*(?:und|and|&|/|,)\s*{_CREDIT_WORDS})+\s*:\s*"
    r"|^\s*(?:(?:post\s+)?authors?|autor(?:in|en|[/*_]in(?:nen)?)?|verfasser(?:in)?|interview|"
    r"text|auteur|"
    r"redakteur(?:in)?)\s*:\s*|^\s*(?:auteur|autor(?:in|en)?|authors)\s+(?=[A-Z\u00c0-\u00de])"
    r"|^\s*erstellt\s+von\s+|^\s*(?:责任编辑|作者|编辑|记者|記者)\s*[:\uff1a]\s*"
    r"|^\s*(?:zeige\s+|view\s+|show\s+|see\s+)?(?:alle\s+|all\s+)?"
    r"(?:beitr(?:ä|ae)ge|artikel|posts|articles|stories)\s+(?:von|by|of)\s+"
    r"|^\s*(?:mehr|alles|more|zum\s+profil)\s+(?:von|from|by)\s+",
    re.I,
)
#: An author label after other byline text ("Aktualisiert: 2.5.22 Autor*in Jane Roe").
_INNER_LABEL = re.compile(
    r"^.{0,60}?\b(?:[Aa]utor(?:in|\*in|:in|_in|In|en|innen)?|AUTOR(?:IN)?|[Aa]uthors?|AUTHORS?|"
    r"[Vv]erfasser(?:in)?)\s*:?\s+(?=[A-Z\u00c0-\u00de])"
)
#: An unclosed bracket after the names ("Jane Roe (Redakteurin, M.A" cut short).
_OPEN_BRACKET_TAIL = re.compile(r"\s*[(\[][^)\]]*$")
#: A capitalised "By" after a short kicker starts the names ("Analysis By Jane Roe"); not
#: "Von", which is also a capitalised name particle ("Ursula Von Der Leyen").
_INNER_BY = re.compile(r"^\S.{0,40}?\s(?:By|BY|VON|Par|PAR|Por|POR)\s+(?=[A-Z\u00c0-\u00de])")
#: Between two names: commas, "and", and an interview's "X im Gespräch mit Y".
_SPLIT = re.compile(
    r"\s*(?:,|;|&|\n|/)\s*|\s+(?:and|und|et|y|im\s+gespr(?:ä|ae)ch\s+mit|in\s+conversation\s+with)\s+",
    re.I,
)
#: Byline parts separated by pipes, dots or dashes ("12. Mai · von Jane Roe · in News").
_SEGMENTS = re.compile(r"\s+[|\u2022\u00b7\u2013\u2014]\s+")
_MARKED_SEGMENT = re.compile(r"^\s*(?:by|von|par|por|door|di)\s+\S", re.I)
_DASH_TAIL = re.compile(r"\s+[\-\u2013\u2014]\s+.*$")
_FOR_TAIL = re.compile(r"\s+(?:for|f(?:ü|ue)r)\s+(?:the\s+)?[\w.\-]+(?:\s+[\w.\-]+){0,3}\s*$", re.I)
#: A date, time or counter after the names ("Jane Roe am 12.5.2020", "Jane Roe 3 min").
_NUMBER_TAIL = re.compile(
    r"(?:,\s*|\s+)(?:(?:am|on|um|at|le|el|il|op|vom|den|vor|hace|published|updated|stand)\s+)*"
    r"\d.*$",
    re.I,
)
#: A photo or illustration credit after the names ("Jane Roe Foto: John Doe").
_CREDIT_TAIL = re.compile(
    r"\s+(?:fotos?|photos?|bilder?|illustrations?|grafik|video|kamera|camera)\s*(?::|/).*$", re.I
)
#: A photo credit ("Foto: Jane Roe") names the photographer, not the author.
_PHOTO_CREDIT = re.compile(
    r"^\s*(?:\u00a9\s*)?(?:fotos?|photos?|bilder?|images?|credits?|bildquelle|quelle|source)\s*:",
    re.I,
)
#: Stock photo agencies: a byline naming one is a photo credit ("© Getty Images / Jane Roe").
_PHOTO_AGENCY = re.compile(
    r"\b(?:getty\s?images|shutterstock|istock(?:photo)?|imago images|picture alliance|"
    r"adobe stock|unsplash|jupiterimages|fotolia|dreamstime|alamy)\b",
    re.I,
)
#: A leading role noun ("FOCUS-Online-Experte Jane Roe", "Gastautor Jane Roe").
_ROLE_PREFIX = re.compile(
    r"^(?:[\w.]+-)*(?:experte|expertin|gastautor(?:in)?|kolumnist(?:in)?|korrespondent(?:in)?|"
    r"redakteur(?:in)?|reporter(?:in)?|columnist|correspondent|contributor|guest\s+author)\s+"
    r"(?=\S+\s+\S)",
    re.I,
)
#: Comment headers ("stephan said:") name a commenter, not the author.
_SAID = re.compile(
    r"\s(?:said|says|wrote|writes|sagt|sagte|schreibt|schrieb|meint|dit|a\s+dit|écrit|dice)\s*:?$",
    re.I,
)
_HANDLE = re.compile(r"\(?@\w{1,30}\)?")
_EMAIL = re.compile(r"\S+@\S+\.\w+|\S+\s*[\[(]\s*(?:at|ät)\s*[\])]\s*\S+", re.I)
#: Markup left in a name by a CMS ("<a href=...>Jane Roe</a>" as a JSON-LD name).
_TAG = re.compile(r"<[^<>]*>")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_DIGITS = re.compile(r"\d")
#: A user name with digits ("delta201", "r23"): one token that starts with a letter.
_USERNAME = re.compile(r"^[^\W\d_][\w.\-]*\d[\w.\-]*$")
_NOT_NAMES = re.compile(
    r"^(?:email|e-mail|follow|folgen|contact|twitter|facebook|instagram|linkedin|more from|see all|"
    r"view all|read more|updated|published|posted|share|print|author|authors|auteure?s?|autor|"
    r"autorin|autoren|autore|by|admin|"
    r"administrator|editor|name|your name|no author|guest|anonymous|unknown|null|none|"
    r"alle artikel|all articles|all posts|alle beitr(?:ä|ae)ge|"
    r"gesponsert(?:e|er)?|sponsored|anzeige|werbung|advertorial|paid content|partner content|"
    r"(?:wp|wordpress|site|web)admin|webmaster|ver(?:ö|oe)ffentlicht|aktualisiert|"
    r"zuletzt ge(?:ä|ae)ndert|letzte aktualisierung|publi(?:é|e)|publicado|pubblicato)\b.*$"
    r"|^(?:on|am|um|at)\s|^(?:unbenannt|untitled|sans titre)$"
    r"|^(?:article|story|post|beitrag|artikel)\s+(?:by|von)$|.*\b(?:empfehlen|recommend)$"
    r"|^(?:the )?author$|^(?:show|see|view) all\b|^zeige alle\b"
    r"|^(?:datum|date|stand|quelle|source|text|foto|photo|bild|kategorie|category|tags?|rss|"
    r"feed|atom|newsletter)$|^view author\b|^(?:fotos?|photos?|bilder?)\s"
    r"|.*\bprofile?\b.*",
    re.I,
)
#: A collective byline ("Redaktion", "Staff Writer", "Newsroom"): the newsroom, no person.
_COLLECTIVE_BYLINE = re.compile(r"^(?:staff|redaktion|newsroom)\b", re.I)
#: Lower-case words a name may hold ("Ursula von der Leyen", "Juan de la Cruz").
_PARTICLES = frozenset(
    ("von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le")
    + ("zu", "zur", "vom", "ten", "ter", "bin", "al", "y", "e")
)
_ROLE_WORDS = re.compile(
    r"\b(?:editor|reporter|correspondent|writer|contributor|columnist|producer|"
    r"journalist|editorial|associated press|reuters|afp|dpa|for dailymail\.com|"
    r"kolumnist(?:in)?|korrespondent(?:in)?|redakteur(?:in)?|"
    r"for mailonline|senior|deputy|chief|news|digital|entertainment|staff writer|"
    r"ph\.?d|m\.?d|rd|mph|msc|mba|llm)\b",
    re.I,
)
_ROLE_TAIL = re.compile(r",?\s+(?:is|was)\s+(?:a|an|the)\s+.*$", re.I)
#: A name has at most this many words.
_MAX_NAME_WORDS = 5
#: An author page URL names someone when its last path segment has this many words
#: (``/author/jane-doe/``, ``/autor/anna-maria-von-roe/``).
URL_NAME_MIN_WORDS, URL_NAME_MAX_WORDS = 2, 4
#: Parts this short (characters) are a symbol, a one-letter word or, with two letters,
#: initials ("mh") or a short word ("de").
MAX_SHORT_PART_CHARS = 2
#: A name holds at most this many lower-case words besides particles ("van", "de"); more
#: make a phrase ("Eine realistische Interpretation des ...").
MAX_LOWER_CASE_WORDS = 1
#: A byline longer than this many words loses a dashed tail ("Jane Roe - Senior Writer").
DASH_TAIL_MIN_WORDS = 3
#: Upper-case single words up to this length are acronyms ("AFP", "DPA") and keep their case.
_MAX_ACRONYM_CHARS = 4
#: Initials stand for a person without naming them ("LN", "jf"); up to this many letters.
_MAX_INITIALS = 3
#: Two-letter words that are no one's initials.
_SHORT_WORDS = frozenset(
    ("am", "an", "at", "by", "de", "di", "da", "du", "el", "en", "in", "is", "it", "la", "le")
    + ("me", "mi", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "zu", "im", "um")
    + ("es", "fr", "nl", "pl", "pt", "ru", "sv")
)


def author_from_url(url: str) -> str | None:
    """Return a name guessed from an author page URL (``/author/jane-doe/`` -> Jane Doe)."""
    parts_of_url = urlsplit(url if "//" in url else "//" + url)
    if _SOCIAL_HOSTS.search(parts_of_url.hostname or ""):
        return None
    path = parts_of_url.path.rstrip("/")
    slug = unquote(path.rsplit("/", 1)[-1]) if path else ""
    slug = re.sub(r"\.\w+$|[-_]?\d+$", "", slug)
    parts = [p for p in re.split(r"[-_+.]", slug) if p and not p.isdigit()]
    if not URL_NAME_MIN_WORDS <= len(parts) <= URL_NAME_MAX_WORDS:
        return None
    return _clean_one(" ".join(p.capitalize() for p in parts))


def is_initials(name: str) -> bool:
    """Return True for a short all-upper or all-lower word that stands for a name ("LN")."""
    name = name.strip()
    return " " not in name and len(name) <= _MAX_INITIALS and (name.isupper() or name.islower())


def fix_case(name: str) -> str:
    """Return ``name`` title-cased when it was written all upper or all lower case.

    One lower-case word is a user name and one short upper-case word an acronym: both keep
    their case.
    """
    if " " not in name and (name.islower() or len(name) <= _MAX_ACRONYM_CHARS):
        return name
    if name.isupper() or name.islower():
        return " ".join(w[:1].upper() + w[1:].lower() if len(w) > 1 else w for w in name.split())
    return name


#: Words left behind a name by dates and counters ("Fr", "Stand", "vor", "Shares").
_TRAILING_JUNK = re.compile(
    r"(?:\s+(?:mo|di|mi|do|fr|sa|so|stand|vor|am|um|on|at|shares?|updated|published|"
    r"contact(?:ar|er)?|kontakt|follow|folgen|alle artikel|all articles|alle beitr(?:ä|ae)ge))+$",
    re.I,
)


def _said_twice(part: str) -> str:
    """Return a name printed twice in a row once ("Jane Roe Jane Roe": a visible and a
    screen-reader copy of the same link)."""
    words = part.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return part


def _clean_one(part: str, *, collectives: bool = False) -> str | None:
    """Return one cleaned name, or None when the part is not a person's name (nor, with
    ``collectives``, a collective byline such as "Redaktion" or "Staff Writer")."""
    part = _HANDLE.sub(" ", _PARENS.sub(" ", _EMAIL.sub(" ", part)))
    part = _ROLE_PREFIX.sub("", _BY_PREFIX.sub("", part)).strip()
    if part.endswith(":"):  # a label ("Letzte Aktualisierung:"), not a name
        return None
    part = _EDGE_PUNCT.sub("", _SPACES.sub(" ", part))
    part = _TRAILING_JUNK.sub("", part) if " " in part else part
    part = _said_twice(part)
    if not part or _NOT_NAMES.match(part) or _SAID.search(part):
        return None
    if not collectives and _COLLECTIVE_BYLINE.match(part):
        return None
    if _DIGITS.search(part) and not _USERNAME.match(part):
        return None
    words = part.split()
    short = len(part) <= MAX_SHORT_PART_CHARS and part.isascii()
    initials = part.isalpha() and len(part) == MAX_SHORT_PART_CHARS
    if len(words) > _MAX_NAME_WORDS or (short and not initials):
        return None  # a one-letter word or a symbol; two letters are initials ("mh")
    if len(part) <= MAX_SHORT_PART_CHARS and part.casefold() in _SHORT_WORDS:
        return None
    lower_case = sum(w.islower() and w not in _PARTICLES for w in words)
    phrase = lower_case > MAX_LOWER_CASE_WORDS
    if phrase and not part.islower() and not (collectives and _is_collective(part)):
        return None  # a phrase ("Eine realistische Interpretation des ..."), not a name
    return fix_case(part)


def _byline_segment(value: str) -> str:
    """Return the part of a segmented byline that names the author (the marked one, else
    the first): "12. Mai · von Jane Roe · in News" -> "von Jane Roe"."""
    segments = _SEGMENTS.split(value)
    if len(segments) == 1:
        return value
    return next((s for s in segments if _MARKED_SEGMENT.match(s)), segments[0])


def split_authors(value: str, *, collectives: bool = False) -> list[str]:
    """Return the names in one byline string ("By A and B | People" -> [A, B]); with
    ``collectives`` also newsroom bylines ("By Staff Writer" -> [Staff Writer])."""
    value = (html.unescape(value) if "&" in value else value).strip()
    value = _TAG.sub(" ", value).strip() if "<" in value else value
    if not value:
        return []
    if _URL.match(value):
        name = author_from_url(value)
        return [name] if name else []
    if _PHOTO_CREDIT.match(value) or _PHOTO_AGENCY.search(value):
        return []
    value = _byline_segment(_SPACES.sub(" ", _INNER_URL.sub(" ", value)))
    if not _BY_PREFIX.match(value):
        value = _INNER_LABEL.sub("", _INNER_BY.sub("", value, count=1), count=1)
    value = _OPEN_BRACKET_TAIL.sub("", _BY_PREFIX.sub("", value))
    value = _CREDIT_TAIL.sub("", _NUMBER_TAIL.sub("", value))
    value = _FOR_TAIL.sub("", value)
    value = _DASH_TAIL.sub("", value) if len(value.split()) > DASH_TAIL_MIN_WORDS else value
    parts = _SPLIT.split(value)
    if len(parts) > 1 and all(_is_collective(p) for p in parts):
        # "Staff and news service reports" is one credit, not two names
        name = _clean_one(value, collectives=collectives)
        return [name] if name else []
    names: list[str] = []
    for part in parts:
        if part and _ROLE_WORDS.search(part) and not all(map(is_initials, names)):
            continue  # "Jane Roe, dpa" credits the agency beside a person; "det/dpa" keeps it
        name = _clean_one(_ROLE_TAIL.sub("", part), collectives=collectives) if part else None
        if name:
            names.append(name)
    return names


def clean_authors(values: Iterable[object] | str | None, *, collectives: bool = False) -> list[str]:
    """Return a de-duplicated list of person names from byline strings, URLs or lists; with
    ``collectives`` newsroom bylines ("Redaktion", "Staff Writer") count as names too."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        for name in split_authors(value, collectives=collectives):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def name_tokens(name: str) -> list[str]:
    """Return a name's words folded for comparison: no case, accents or slug punctuation."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", plain.replace("ß", "ss"))


#: Legal forms and institutions: a name holding one is an organisation ("Verlag X GmbH").
_ORGANISATION = re.compile(
    r"\b(?:GmbH|AG|SE|KG|KGaA|Ltd|LLC|Inc|Corp|S\.A|e\.\s?V)\b\.?|\.(?:com|de|org|net|at|ch)\b"
    r"|\b(?i:verlag|stiftung|verband|verein|institut|university|universit(?:ä|ae)t|college)\b"
)
#: Collective bylines: the newsroom, an agency desk or the site's team, not a person.
_COLLECTIVE = re.compile(
    r"\b(?:redaktion|editorial|team|staff|agencies|agenturen|newsroom|desk|news service|"
    r"reports|nachrichten|pressestelle|press office|online)\b",
    re.I,
)


def _is_collective(part: str) -> bool:
    """Return True for a newsroom or agency credit ("Staff", "news service reports")."""
    part = part.strip()
    return bool(_COLLECTIVE_BYLINE.match(part) or _COLLECTIVE.search(part))


def is_weak_author(name: str) -> bool:
    """Return True when ``name`` names no person: initials, an organisation or a collective."""
    return is_initials(name) or bool(_ORGANISATION.search(name) or _COLLECTIVE.search(name))


def has_byline_label(text: str) -> bool:
    """Return True when ``text`` starts with a byline label ("Von", "Mehr von", "Autor:")."""
    return _BY_PREFIX.match(text) is not None


def names_agency(text: str) -> bool:
    """Return True when ``text`` names a news agency or a role ("AFP", "Staff Writer")."""
    return _ROLE_WORDS.search(text) is not None
