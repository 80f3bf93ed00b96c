"""A synthetic story with planted lineage, quotes and headline edits (see tests/fixtures/research).

Every text here was written for the tests; the words given to public figures are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from archive import Archive
from archive.schema import Article

STORY = "kushner-memoir-kardashian"
T0 = datetime(2022, 8, 2, 21, 39, tzinfo=UTC)
ORIGINAL_URL = "https://people.test/politics/kushner-memoir-kardashian-clemency-5829"

OUTLETS = [
    ("people", "People", ["people.test"]),
    ("nypost", "New York Post", ["nypost.test"]),
    ("dailymail", "Daily Mail", ["dailymail.test"]),
    ("hola", "HOLA! USA", ["hola.test"]),
    ("pagesix", "Page Six", ["pagesix.test"]),
    ("celebbuzz", "Celeb Buzz", ["celebbuzz.test"]),
    ("usweekly", "Us Weekly", ["usweekly.test"]),
    ("foxnews", "Fox News", ["foxnews.test"]),
    ("radar", "Radar Online", ["radar.test"]),
    ("wireone", "Wire One", ["wireone.test"]),
    ("wiretwo", "Wire Two", ["wiretwo.test"]),
    ("quietgazette", "Quiet Gazette", ["quietgazette.test"]),
]

Q_KINGPIN = (
    "She is a kingpin, and we should not be letting kingpins walk out of federal prison early"
)
Q_KINGPIN_CHANGED = Q_KINGPIN.replace("walk", "stroll")
Q_PARDON = "Let's do the pardon, and let's get it done before anyone changes their mind"
Q_PARDON_EDITED = Q_PARDON.replace("anyone", "anybody")
Q_CALLING = (
    "I will keep calling until somebody in this building reads her file from the first page "
    "to the last"
)
Q_SECOND_CHANCE = (
    "Alice's story was the one that made me understand what a second chance really means"
)
Q_JUDGES = "We moved more appellate judges through the Senate than anyone thought possible"
Q_BROKEN = "The confirmation process is broken and both parties share the blame for that"

ORIGINAL_BODY = f"""In his new memoir, Jared Kushner describes months of phone calls with Kim \
Kardashian about the case of Alice Johnson, a grandmother serving a life sentence for a \
nonviolent drug offence.

White House counsel Don McGahn objected from the start. “{Q_KINGPIN},” McGahn told the \
president, according to the book.

Kushner writes that the president listened to both sides before deciding. “{Q_PARDON},” Trump \
said, as Kushner recalls it.

Kardashian never let the matter drop. “{Q_CALLING},” Kardashian said, according to the memoir.

Kushner writes in the memoir: “{Q_SECOND_CHANCE}.”

The book goes on sale later this month, and its publisher has scheduled a short tour."""

REWRITE_BODY = f"""Kim Kardashian bombarded Jared Kushner with phone calls over the release of a \
grandmother jailed for life, according to extracts from his forthcoming memoir that were \
published on Tuesday.

The former adviser paints a picture of a bitter internal fight in which the top lawyer at the \
White House pushed back hard. "{Q_KINGPIN_CHANGED}," McGahn is said to have told Trump.

Trump eventually relented. "{{pardon}}," he is quoted as saying.

Kardashian was relentless, the memoir suggests: "{Q_CALLING}."

Johnson was freed in 2018 and later pardoned. The Mail has contacted representatives for \
comment."""

CREDIT_OBTAINED_BODY = f"""Kim Kardashian's campaign for Alice Johnson is at the heart of a new \
memoir by Jared Kushner. In excerpts obtained by PEOPLE, the former senior adviser recalls the \
reality star's persistence.

«{Q_SECOND_CHANCE}», Kushner writes.

The book arrives in stores at the end of August."""

CREDIT_ACCORDING_BODY = """Jared Kushner's memoir devotes a chapter to Kim Kardashian's prison \
reform work, according to People, which published the first excerpts on Tuesday night.

McGahn had reportedly dismissed Johnson as a "kingpin" during internal debates, the chapter \
says."""

UNKNOWN_CREDIT_BODY = """The account of Kushner and Kardashian's collaboration, first reported \
by The Daily Beast, has divided readers online.

Fans of the reality star praised her persistence, while critics called the campaign a \
publicity exercise."""

LINK_BODY = f"""Read the full excerpt at {ORIGINAL_URL}?utm_source=usweekly before the book's \
release.

Kushner and Kardashian first met to discuss prison reform in 2018, and the memoir covers the \
meetings in detail."""

UNRELATED_BODY = f"""Former White House counsel Don McGahn spoke to a legal conference in \
Washington on Thursday about judicial nominations and the Kushner years.

"{Q_JUDGES} in four years," McGahn said.

"{Q_BROKEN}," he added, drawing applause from the audience."""

UNDATED_BODY = """An explainer on the people named in Kushner's memoir, from lawyers to \
television personalities, and the roles they played in the clemency campaign."""

WIRE_BODY = """WASHINGTON (AP) — Jared Kushner's memoir recounts how Kim Kardashian lobbied the \
White House for the release of Alice Johnson, who had served more than two decades of a life \
sentence before her sentence was commuted in 2018."""


@dataclass
class PlantedStory:
    """Ids of the planted articles by role."""

    ids: dict[str, int] = field(default_factory=dict)


def _article(outlet: str, slug: str, body: str, **fields) -> Article:  # noqa: ANN003
    """Return an article of the story on the outlet's .test domain."""
    domain = dict((k, d[0]) for k, _n, d in OUTLETS)[outlet]
    url = fields.pop("url", f"https://{domain}/news/{slug}")
    return Article(url=url, outlet=outlet, story=STORY, body=body, **fields)


def _headlines(display: str, social: str | None = None, **more: str) -> dict[str, str]:
    """Return headline variants: display, document and structured alike, social when given."""
    variants = {"display": display, "document": display, "structured": display}
    if social:
        variants["social"] = social
    variants.update(more)
    return variants


def build_story(archive: Archive) -> PlantedStory:
    """Store the planted story in ``archive`` and return the ids by role."""
    for key, name, domains in OUTLETS:
        archive.ensure_outlet(key, name, domains)
    archive.ensure_story(
        STORY, "Kushner memoir: Kim Kardashian and Alice Johnson's clemency", None, None,
        {"all": ["kushner"], "any": ["kardashian", "alice johnson", "kingpin"], "none": []},
    )  # fmt: skip
    planted = PlantedStory()
    hours = lambda n: T0 + timedelta(hours=n)  # noqa: E731
    original_headlines = _headlines(
        "Jared Kushner Says Kim Kardashian Changed His Mind on Clemency",
        "Kim Kardashian's Calls Changed Jared Kushner's Mind, Memoir Says",
        listing="Kushner memoir: Kardashian's calls",
    )
    specs = [
        ("original", _article("people", "x", ORIGINAL_BODY, url=ORIGINAL_URL, published_at=T0,
                              title=original_headlines["display"],
                              headlines=original_headlines), T0),
        ("copy", _article("nypost", "kushner-kardashian-memoir", ORIGINAL_BODY,
                          published_at=hours(2), title="Kushner memoir details Kardashian calls"),
         hours(2)),
        ("rewrite", _article("dailymail", "kardashian-bombarded-kushner",
                             REWRITE_BODY.replace("{pardon}", Q_PARDON), published_at=hours(3),
                             title="Kardashian bombarded Kushner with calls",
                             headlines=_headlines("Kardashian bombarded Kushner with calls")),
         hours(3)),
        ("credit_obtained", _article("hola", "kim-kardashian-kushner", CREDIT_OBTAINED_BODY,
                                     published_at=hours(4), title="Kim and the memoir"), hours(4)),
        ("credit_according", _article("pagesix", "kushner-kardashian-chapter",
                                      CREDIT_ACCORDING_BODY, published_at=hours(5),
                                      title="Kushner's chapter on Kim"), hours(5)),
        ("credit_unknown", _article("celebbuzz", "readers-divided", UNKNOWN_CREDIT_BODY,
                                    published_at=hours(6), title="Readers divided"), hours(6)),
        ("link", _article("usweekly", "read-the-excerpt", LINK_BODY, published_at=hours(7),
                          title="Read the excerpt", links=[ORIGINAL_URL]), hours(7)),
        ("unrelated", _article("foxnews", "mcgahn-conference", UNRELATED_BODY,
                               published_at=hours(1), title="McGahn on judges"), hours(1)),
        ("undated", _article("radar", "explainer", UNDATED_BODY, title="Who is who"), hours(8)),
        ("wire_late_seen", _article("wireone", "ap-kushner", WIRE_BODY, published_at=hours(9),
                                    title="Kushner memoir recounts Kardashian lobbying"),
         hours(9.5)),
        ("wire_first_seen", _article("wiretwo", "ap-kushner", WIRE_BODY, published_at=hours(9),
                                     title="Kushner memoir recounts Kardashian lobbying"),
         hours(9.25)),
    ]  # fmt: skip
    for role, article, seen in specs:
        planted.ids[role] = archive.store(article, now=seen).article_id
    return planted


def edit_original_social(archive: Archive) -> object:
    """Re-store the original with only its og:title edited; return the StoreResult."""
    headlines = _headlines(
        "Jared Kushner Says Kim Kardashian Changed His Mind on Clemency",
        "Kushner Memoir: How Kim Kardashian Won Over the White House",
    )
    article = _article(
        "people", "x", ORIGINAL_BODY, url=ORIGINAL_URL, published_at=T0,
        title=headlines["display"], headlines=headlines,
    )  # fmt: skip
    return archive.store(article, now=T0 + timedelta(hours=12))


def edit_rewrite(archive: Archive) -> object:
    """Re-store the rewrite with a new display headline and one quote's word changed."""
    headlines = _headlines("Kardashian bombarded Kushner with calls, memoir claims")
    article = _article(
        "dailymail", "kardashian-bombarded-kushner",
        REWRITE_BODY.replace("{pardon}", Q_PARDON_EDITED), published_at=T0 + timedelta(hours=3),
        title=headlines["display"], headlines=headlines,
    )  # fmt: skip
    return archive.store(article, now=T0 + timedelta(hours=13))


@dataclass
class PlantedArchive:
    """A database holding the planted story (after both edits) and the ids by role."""

    url: str
    ids: dict[str, int]

    def role(self, node: object) -> object:
        """Return the role of an article id (other node ids unchanged)."""
        inverse = {v: k for k, v in self.ids.items()}
        return inverse.get(node, node)  # type: ignore[arg-type]


def build_planted(url: str) -> PlantedArchive:
    """Build the planted story (with its headline and quote edits) in the database at ``url``."""
    archive = Archive(url)
    try:
        planted = build_story(archive)
        edit_original_social(archive)
        edit_rewrite(archive)
    finally:
        archive.dispose()
    return PlantedArchive(url, planted.ids)
