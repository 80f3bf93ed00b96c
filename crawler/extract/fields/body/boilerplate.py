"""Paragraphs that are prompts or page furniture rather than article text."""

from __future__ import annotations

import re

#: Short paragraphs starting like this are prompts (sharing, sign-up, related links).
PROMPT_PARAGRAPH = re.compile(
    r"^\s*(?:read more\b|related\b|more:|sign up\b|subscribe\b|click here\b|don't miss\b|"
    r"never miss a story|get the latest\b|follow us\b|want more\b|like this story\b|"
    r"advertisement$|story continues\b|continue reading\b|see also\b|also read\b|also on \S+\.\w+|"
    r"share this\b|tell us what you think|comments?$|\d+ comments?$|leave a (?:comment|reply)\b|"
    r"lesen sie (?:auch|hier|mehr)\b|mehr zum thema\b|teilen$|kommentare?$|auch interessant\b|"
    r"(?:das (?:thema )?)?k(?:ö|oe)nnte (?:dich|sie) auch interessieren|weitere themen\b|"
    r"bild anzeigen\b|schon gelesen\b|zum weiterlesen\b|mehr themen\b|keine kommentare\b|"
    r"(?:\*\s*)?(?:anzeige\s*(?:$|[.:,|\u2013-])|werbung\s*(?:$|[.,|\u2013-]))|"
    r"le puede interesar\b|"
    r"(?:lea|vea|lee|leer) tambi(?:é|e)n\b|notas relacionadas\b|s(?:í|i)guenos en\b|"
    r"(?:titel|beitrags)bild\b|(?:photo |image )?credits?\s*:|image illustrative\b|"
    r"(?:[àa] )?lire aussi\b|voir aussi\b|ver tambi(?:é|e)n\b|"
    r"leggi anche\b|czytaj (?:te(?:ż|z)|tak(?:ż|z)e)\b|dowiedz si(?:ę|e) wi(?:ę|e)cej\b|"
    r"we want to hear what you think\b|do you want to be informed\b)",
    re.I,
)
#: Contact lines and dateline stamps (searched for in short paragraphs).
CONTACT_LINE = re.compile(
    r"\b(?:may|can) be reached at\b|\bfollow (?:him|her|them|us) on (?:twitter|facebook|x)\b|"
    r"^\s*(?:updated|published|posted|last updated|zuletzt aktualisiert)\b"
    r"[^.]{0,30}\d{1,2}[:.]\d\d",
    re.I,
)
#: Furniture found at the start or end of the text: reading times, credits, source lines.
EDGE_FURNITURE = re.compile(
    r"^\s*(?:you may also like|tempo de leitura|reading time|lesezeit|\d+\s*min(?:ute)?s? read|"
    r"filed under|source\s*:|quelle\s*:|follow\b.{0,40}\bon (?:instagram|facebook|twitter)|"
    r"listen to\b|\(?(?:additional )?reporting by\b|\(?editing by\b|\(?writing by\b|copyright\b|"
    r"\u00a9|get .{0,40} delivered\b|there's plenty more\b|start your day\b)"
    r"|contributed (?:reporting|to this report)",
    re.I,
)
#: Newsletter and sign-up prompts anywhere in a short paragraph ("Never miss a story — sign up
#: for X's free daily newsletter", "Get our newsletter delivered to your inbox").
NEWSLETTER_PROMPT = re.compile(
    r"\b(?:sign(?:ing)?[ -]up|subscribe|register|join|get|receive|abonnieren|abonnez)\b"
    r".{0,80}\b(?:newsletters?|e-?mail alerts?|inbox)\b|"
    r"\bnewsletters?\b.{0,80}\b(?:sign(?:ing)?[ -]up|subscribe|inbox|abonnieren|anmelden)\b|"
    r"\bdelivered (?:straight |directly )?to your inbox\b",
    re.I,
)
#: Advertising and affiliate disclosures, app and subscription prompts, anywhere in a short
#: paragraph ("This post contains affiliate links", "Download our apps").
DISCLOSURE_PROMPT = re.compile(
    r"\baffiliate[- ]links?\b|\bcontains references to products\b|"
    r"\badvertisers do not influence\b|"
    r"\bwe may (?:receive|earn) (?:a )?(?:compensation|commission)|"
    r"\bdownload (?:the|our) .{0,40}\bapps?\b|\balready a subscriber\b|"
    r"\bplease subscribe to\b|\bdieser beitrag enth(?:ä|ae)lt werbung\b",
    re.I,
)
#: A paragraph that is only a furniture label: contents, sources, contact, further reading.
FURNITURE_LABEL = re.compile(
    r"^\W*(?:(?:inhaltsverzeichnis|table of contents|contents|quellen(?:angaben)?|sources?|"
    r"fuentes|originalpublikation|original publication|zusatzinformationen|"
    r"(?:weitere|mehr) (?:informationen|infos)|(?:more|further) information|"
    r"m(?:á|a)s informaci(?:ó|o)n|"
    r"related (?:articles|stories|posts)|(?:ä|ae)hnliche (?:beitr(?:ä|ae)ge|artikel))\W*|"
    r"(?:kontakt|contact|contacto|ansprechpartner(?:in)?|letzte (?:ä|ae)nderung|"
    r"last modified|aktualisiert am|release date)(?:\s*:.{0,40}|\s+\d[\d. :/-]*)?\W*)$",
    re.I,
)
#: How many paragraphs at each end are checked for furniture.
EDGE_PARAGRAPHS = 3
#: A paragraph in capitals only (Fox News' "CLICK HERE TO GET THE APP" promos).
SHOUTED = re.compile(r"^[^a-z]{20,}$")
#: Prompts are short; longer paragraphs are kept whatever they start with.
MAX_PROMPT_WORDS = 30


def is_prompt(paragraph: str) -> bool:
    """Return True for a short paragraph that is a prompt, not article text."""
    if len(paragraph.split()) > MAX_PROMPT_WORDS:
        return False
    return bool(
        PROMPT_PARAGRAPH.match(paragraph)
        or CONTACT_LINE.search(paragraph)
        or NEWSLETTER_PROMPT.search(paragraph)
        or DISCLOSURE_PROMPT.search(paragraph)
        or FURNITURE_LABEL.match(paragraph)
    )


def _is_edge_furniture(paragraph: str) -> bool:
    """Return True for a short credit, reading-time or source line."""
    return len(paragraph.split()) <= MAX_PROMPT_WORDS and bool(EDGE_FURNITURE.search(paragraph))


def _is_shouted(paragraph: str) -> bool:
    """Return True for an all-capitals promo line."""
    return bool(SHOUTED.match(paragraph) and re.search("[A-Z]", paragraph))


def drop_prompts(text: str | None, *, shouted: bool = False) -> str | None:
    """Return ``text`` without prompts, edge furniture and (``shouted``) all-caps promos."""
    if not text:
        return text
    paragraphs = text.split("\n\n")
    last = len(paragraphs) - 1
    kept = []
    for i, paragraph in enumerate(paragraphs):
        at_edge = i < EDGE_PARAGRAPHS or last - i < EDGE_PARAGRAPHS
        if is_prompt(paragraph) or (shouted and _is_shouted(paragraph)):
            continue
        if at_edge and _is_edge_furniture(paragraph):
            continue
        kept.append(paragraph)
    return "\n\n".join(kept) or None
