"""Synthetic article text: sentence pools written for this project and a seeded paragraph maker.

Every sentence here is invented for the demo; none is taken from a published article. Each
article draws a different seeded sample, so two outlets' stories share few sentences and are
not near duplicates of each other (only the deliberate syndicated copy is).
"""

from __future__ import annotations

import hashlib
import random

#: Sentences about the memoir itself.
BOOK = (
    "The memoir, titled Breaking History, runs to nearly five hundred pages and covers the four "
    "years Kushner spent as a senior adviser in the White House.",
    "Kushner devotes a full chapter of the book to the push for sentencing reform that became "
    "the First Step Act.",
    "Breaking History arrives in bookstores later this month, and early copies have been "
    "circulating among reporters in Washington.",
    "In the book Kushner describes himself as an unlikely ally of criminal justice advocates.",
    "Publishers scheduled an audiobook edition read by the author for the same release week.",
    "The book's account of the clemency campaign fills roughly a dozen pages.",
    "Kushner writes that he kept detailed notes of his meetings, which he drew on for the memoir.",
    "Several chapters of Breaking History deal with Middle East diplomacy rather than domestic "
    "policy.",
    "Reviewers who have seen advance copies describe the tone as brisk and largely uncritical of "
    "the administration.",
    "The memoir also revisits the early months of the pandemic and the scramble for supplies.",
    "Kushner's account is the latest in a long line of books by former officials from the "
    "administration.",
    "An excerpt shared ahead of publication focuses on the phone calls that opened the case.",
)

#: Sentences about Kim Kardashian and Alice Marie Johnson.
CASE = (
    "According to the book, Kim Kardashian first reached out to Kushner in 2018 about Alice "
    "Marie Johnson, a grandmother serving a life sentence for a first-time drug offense.",
    "Johnson had spent more than two decades in federal prison when her case reached the White "
    "House.",
    "Kardashian later visited the Oval Office to argue for Johnson's release in person.",
    "Kushner recounts that Kardashian arrived at the meeting with a binder of documents about "
    "Johnson's conduct in prison.",
    "The sentence commutation for Alice Johnson was announced in June 2018, and she walked out "
    "of prison days later.",
    "Kardashian has since said the case inspired her to begin studying law.",
    "The memoir credits Kardashian's persistence with keeping the case on the president's desk.",
    "Alice Johnson went on to receive a full pardon in 2020.",
    "Kushner writes that the reality star's celebrity opened doors that advocates had knocked on "
    "for years.",
    "The book describes several follow-up calls between Kardashian and Kushner as the paperwork "
    "moved through the Justice Department.",
    "Johnson has become a prominent voice for prisoners serving long sentences for drug crimes.",
    "Kardashian has continued to fund legal help for inmates seeking clemency.",
)

#: Sentences about reactions and context.
REACTION = (
    "Representatives for Kardashian did not respond to a request for comment on the excerpt.",
    "Fans of the reality star were quick to share the passage on social media.",
    "Criminal justice groups welcomed the attention but noted that thousands of similar cases "
    "remain unresolved.",
    "Some critics argued that the account gives the White House too much credit for the release.",
    "The publisher declined to comment beyond confirming the release date.",
    "Supporters of the reform effort said the passage shows how personal contacts shaped policy.",
    "The episode has been retold many times, but the memoir adds details from inside the West "
    "Wing.",
    "A spokesperson for Kushner said the book speaks for itself.",
    "Legal commentators pointed out that clemency remains rare for federal prisoners.",
    "The passage drew thousands of comments within hours of being published online.",
    "Political observers expect the book to sell strongly among the former president's supporters.",
    "Johnson has spoken warmly in interviews about the people who pushed for her release.",
)

#: Sentences for coverage from before the memoir (2018-2020): no mention of the book.
EARLIER = (
    "Kardashian met Kushner at the White House to discuss the case before meeting the president.",
    "Johnson was sentenced in 1996 for her role in a drug trafficking operation.",
    "Advocates had been asking for Johnson's release for years before the case drew national "
    "attention.",
    "Kardashian learned about Johnson from a video shared online and hired a lawyer for her.",
    "Kushner had been working on prison reform legislation with lawmakers from both parties.",
    "The White House did not say when a decision on the request would be made.",
    "Johnson's family said they were hopeful after hearing about the meeting.",
    "Prison reform advocates said the meeting was an unusual opportunity to be heard.",
)

#: Sentences for off-topic articles, one pool per topic.
OFFTOPIC = {
    "weather": (
        "Forecasters expect temperatures to stay well above average through the weekend.",
        "Officials urged residents to drink water and check on elderly neighbours.",
        "Cooling centers will open their doors from noon until late evening.",
        "Power companies asked customers to run appliances after sunset.",
        "The hottest part of the day is expected in the middle of the afternoon.",
    ),
    "sport": (
        "The trade was completed minutes before the deadline passed.",
        "The team's manager said the new arrival would join the rotation immediately.",
        "Supporters filled the stadium despite the early start time.",
        "The club has not reached the postseason in three years.",
        "Analysts called the deal one of the busiest deadline days in recent memory.",
    ),
    "food": (
        "The recipe needs only five ingredients and a single pan.",
        "Roast the vegetables until their edges turn golden.",
        "A squeeze of lemon brightens the sauce just before serving.",
        "Leftovers keep well in the fridge for three days.",
        "The dish works as well on a weeknight as it does for guests.",
    ),
    "royals": (
        "The royal couple greeted crowds outside the town hall.",
        "Palace aides confirmed the visit would last two days.",
        "Well-wishers waited for hours to catch a glimpse of the family.",
        "The tour includes a stop at a children's hospital.",
        "Photographers lined the route from the station to the cathedral.",
    ),
    "tv": (
        "The streaming series returns for a second season next month.",
        "Producers promised bigger sets and a larger cast.",
        "The first season became one of the platform's most watched shows.",
        "The finale left viewers with several unanswered questions.",
        "Filming took place over six months in three countries.",
    ),
}


def _rng(seed: str) -> random.Random:
    """Return a Random seeded from a string (stable across runs and Python versions)."""
    return random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))


def story_paragraphs(seed: str, lede: str, *, count: int = 6) -> tuple[str, ...]:
    """Return the lede followed by ``count`` seeded paragraphs about the story."""
    rng = _rng(seed)
    pools = [list(BOOK), list(CASE), list(REACTION)]
    for pool in pools:
        rng.shuffle(pool)
    paragraphs = [lede]
    for index in range(count):
        first = pools[index % 3].pop()
        second = pools[(index + 1) % 3].pop()
        paragraphs.append(f"{first} {second}")
    return tuple(paragraphs)


def earlier_paragraphs(seed: str, lede: str) -> tuple[str, ...]:
    """Return the lede followed by seeded paragraphs of pre-memoir background."""
    sentences = list(EARLIER)
    _rng(seed).shuffle(sentences)
    pairs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return (lede, *pairs)


def offtopic_paragraphs(seed: str, topic: str, lede: str) -> tuple[str, ...]:
    """Return the lede followed by the topic's sentences in a seeded order, two per paragraph."""
    sentences = list(OFFTOPIC[topic])
    _rng(seed).shuffle(sentences)
    pairs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return (lede, *pairs)
