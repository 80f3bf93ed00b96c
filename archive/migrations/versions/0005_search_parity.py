"""Search parity: PostgreSQL indexes text as SQLite's FTS5 does, so both find the same articles.

SQLite's index is the reference and does not change: FTS5 with ``porter unicode61
remove_diacritics 2``. PostgreSQL's ``search_vector`` is rebuilt with

* the ``newsarchive`` text search configuration: the Snowball ``porter`` stemmer (the
  algorithm FTS5's porter tokenizer implements; ``english`` is Porter2, which conflates other
  words) and no stop words (FTS5 has none: ``the``, ``who`` or ``US`` are words to find);
* ``newsarchive_fold(text)``, applied to the stored text and to every query term: Latin
  diacritics removed (``café`` = ``cafe``), lower case, every character FTS5 treats as a
  separator made a space (PostgreSQL's parser would otherwise keep ``people.com``, ``3.5`` or,
  in a C-locale database, ``Johnson’s`` as one token), and three rules where FTS5's porter
  differs from Snowball's: tokens under three letters are not stemmed (``us`` is not ``u``),
  ``-logi`` becomes ``-log`` and ``-bli`` becomes ``-ble`` (``technology`` = ``technological``,
  ``possibly`` = ``possible``).

Revision ID: 0005_search_parity
Revises: 0004_research_headlines
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0005_search_parity"
down_revision = "0004_research_headlines"
branch_labels = None
depends_on = None

#: Code points (hex ranges) that FTS5's unicode61 tokenizer of SQLite 3.40 treats as separators
#: (every assigned code point was tried between two letters; unassigned ones in between merged).
FTS5_SEPARATORS = (
    "0001-002F 003A-0040 005B-0060 007B-00A9 00AB-00B1 00B4 00B6-00B8 00BB 00BF 00D7 00F7 "
    "02C2-02C5 02D2-02DF 02E5-02EB 02ED 02EF-02FF 0305 030D-030E 0310 0312-031A 031C-0322 "
    "0329-032C 032F 0332-036F 0375 037E 0384-0385 0387 03F6 0482-0489 055A-055F 0589-058A "
    "058F-05C7 05F3-0604 0606-061B 061E-061F 064B-065F 066A-066D 0670 06D4 06D6-06E4 "
    "06E7-06ED 06FD-06FE 0700-070F 0711 0730-074A 07A6-07B0 07EB-07F3 07F6-07F9 0816-0819 "
    "081B-0823 0825-0827 0829-083E 0859-085E 08E4-08FE 0900-0903 093A-093C 093E-094F "
    "0951-0957 0962-0965 0970 0981-0983 09BC 09BE-09CD 09D7 09E2-09E3 09F2-09F3 09FA-09FB "
    "0A01-0A03 0A3C-0A51 0A70-0A71 0A75 0A81-0A83 0ABC 0ABE-0ACD 0AE2-0AE3 0AF0-0AF1 "
    "0B01-0B03 0B3C 0B3E-0B4D 0B56-0B57 0B62-0B63 0B70 0B82 0BBE-0BCD 0BD7 0BF3-0BFA "
    "0C01-0C03 0C3E-0C56 0C62-0C63 0C7F 0C82-0C83 0CBC 0CBE-0CD6 0CE2-0CE3 0D02-0D03 "
    "0D3E-0D4D 0D57 0D62-0D63 0D79 0D82-0D83 0DCA-0DDF 0DF2-0DF4 0E31 0E34-0E3F 0E47-0E4F "
    "0E5A-0E5B 0EB1 0EB4-0EB9 0EBB-0EBC 0EC8-0ECD 0F01-0F1F 0F34-0F3F 0F71-0F87 0F8D-0FDA "
    "102B-103E 104A-104F 1056-1059 105E-1060 1062-1064 1067-106D 1071-1074 1082-108D 108F "
    "109A-109F 10FB 135D-1368 1390-1399 1400 166D-166E 1680 169B-169C 16EB-16ED 1712-1714 "
    "1732-1736 1752-1753 1772-1773 17B4-17D6 17D8-17DB 17DD 1800-180E 18A9 1920-1945 "
    "19B0-19C0 19C8-19C9 19DE-19FF 1A17-1A1F 1A55-1A7F 1AA0-1AA6 1AA8-1AAD 1B00-1B04 "
    "1B34-1B44 1B5A-1B7C 1B80-1B82 1BA1-1BAD 1BE6-1BFF 1C24-1C3F 1C7E-1C7F 1CC0-1CE8 1CED "
    "1CF2-1CF4 1DC0-1DE6 1DFC-1DFF 1FBD 1FBF-1FC1 1FCD-1FCF 1FDD-1FDF 1FED-1FEF 1FFD-2064 "
    "206A-206F 207A-207E 208A-208E 20A0-20B9 20D0-2101 2103-2106 2108-2109 2114 2116-2118 "
    "211E-2123 2125 2127 2129 212E 213A-213B 2140-2144 214A-214D 214F 2190-23F3 2400-244A "
    "249C-24E9 2500-26FF 2701-2775 2794-2B4C 2B50-2B59 2CE5-2CEA 2CEF-2CF1 2CF9-2CFC "
    "2CFE-2CFF 2D70-2D7F 2DE0-2E2E 2E30-2E3B 2E80-3004 3008-3020 302A-3030 3036-3037 "
    "303D-303F 3099-309C 30A0 30FB 3190-3191 3196-319F 31C0-31E3 3200-321E 322A-3247 3250 "
    "3260-327F 328A-32B0 32C0-32FE 3300-33FF 4DC0-4DFF A490-A4C6 A4FE-A4FF A60D-A60F "
    "A66F-A67E A69F A6F0-A716 A720-A721 A789-A78A A802 A806 A80B A823-A82B A836-A839 "
    "A874-A881 A8B4-A8C4 A8CE-A8CF A8E0-A8F1 A8F8-A8FA A926-A92F A947-A95F A980-A983 "
    "A9B3-A9CD A9DE-A9DF AA29-AA36 AA43 AA4C-AA4D AA5C-AA5F AA77-AA79 AA7B AAB0 AAB2-AAB4 "
    "AAB7-AAB8 AABE-AABF AAC1 AADE-AADF AAEB-AAF1 AAF5-AAF6 ABE3-ABED FB1E FB29 FBB2-FBC1 "
    "FD3E-FD3F FDFC-FDFD FE00-FE26 FE30-FE6B FEFF-FF0F FF1A-FF20 FF3B-FF40 FF5B-FF65 "
    "FFE0-FFFD 10100-10102 10137-1013F 10179-10189 10190-1019B 101D0-101FD 1039F 103D0 10857 "
    "1091F 1093F 10A01-10A0F 10A38-10A3F 10A50-10A58 10A7F 10B39-10B3F 11000-11002 "
    "11038-1104D 11080-11082 110B0-110C1 11100-11102 11127-11134 11140-11143 11180-11182 "
    "111B3-111C0 111C5-111C8 116AB-116B7 12470-12473 16F51-16F7E 16F8F-16F92 1D000-1D1DD "
    "1D200-1D245 1D300-1D356 1D6C1 1D6DB 1D6FB 1D715 1D735 1D74F 1D76F 1D789 1D7A9 1D7C3 "
    "1EEF0-1F0BE 1F0C1-1F0DF 1F110-1F12E 1F130-1F16B 1F170-1F19A 1F1E6-1F23A 1F240-1F251 "
    "1F300-1F320 1F330-1F335 1F337-1F37C 1F380-1F393 1F3A0-1F3C4 1F3C6-1F3CA 1F3E0-1F3F0 "
    "1F400-1F43E 1F440 1F442-1F4F7 1F4F9-1F4FC 1F500-1F53D 1F540-1F543 1F550-1F567 "
    "1F5FB-1F640 1F645-1F64F 1F680-1F6C5 1F700-1F773 "
)
#: Combining marks that ``remove_diacritics 2`` drops from a Latin letter (after NFD).
FTS5_DIACRITICS = "0300-0304 0306-030C 030F 0311 031B 0323-0328 032D-032E 0330-0331"
ASCII_SEPARATORS = "0001-002F 003A-0040 005B-0060 007B-007F"

#: FTS5's porter leaves tokens under three characters alone; Snowball's strips a final s and
#: turns a final y into i. A vowel + s/y word gets an e (Snowball removes it again, and
#: ``use`` = ``us`` as in FTS5); a consonant + s word gets a 0 (a token nothing else makes).
SHORT_WORD_RULES = (
    ("(^| )([aeiou][sy])(?= |$)", "\\1\\2e"),
    ("(^| )([b-df-hj-np-tv-z]s)(?= |$)", "\\1\\20"),
)
#: FTS5's porter has the published algorithm's step-2 rules logi -> log and bli -> ble
#: (when the stem before them has a vowel followed by a consonant); Snowball's has abli -> able.
SUFFIX_RULES = (
    ("([a-z]*[aeiouy][^aeiouy ][a-z]*)log(y|ies|i|is)(?= |$)", "\\1log"),
    ("([a-z]*[aeiouy][^aeiouy ][a-z]*)bl(y|ies|i|is)(?= |$)", "\\1ble"),
)

CONFIG = [
    "CREATE TEXT SEARCH DICTIONARY newsarchive_porter (TEMPLATE = snowball, LANGUAGE = porter)",
    "CREATE TEXT SEARCH CONFIGURATION newsarchive (COPY = simple)",
    "ALTER TEXT SEARCH CONFIGURATION newsarchive ALTER MAPPING FOR asciiword, word, numword, "
    "hword_asciipart, hword_part, hword_numpart WITH newsarchive_porter",
    "ALTER TEXT SEARCH CONFIGURATION newsarchive DROP MAPPING FOR asciihword, hword, numhword",
]
OLD_VECTOR = (
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(description, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'C')"
)
NEW_VECTOR = (
    "setweight(to_tsvector('newsarchive', newsarchive_fold(coalesce(title, ''))), 'A') || "
    "setweight(to_tsvector('newsarchive', newsarchive_fold(coalesce(description, ''))), 'B') || "
    "setweight(to_tsvector('newsarchive', newsarchive_fold(coalesce(body, ''))), 'C')"
)


def _regex_class(ranges: str) -> str:
    """Return a PostgreSQL regex bracket expression for space-separated hex ranges."""

    def escape(code: str) -> str:
        value = int(code, 16)
        return f"\\u{value:04x}" if value <= 0xFFFF else f"\\U{value:08x}"

    parts = ["-".join(escape(c) for c in item.split("-")) for item in ranges.split()]
    return "[" + "".join(parts) + "]"


def _fold_sql(utf8: bool, lower_collation: str | None) -> str:
    """Return the body of ``newsarchive_fold($1)`` as one SQL expression."""
    expr = "$1"
    if utf8:
        marks = _regex_class(FTS5_DIACRITICS)
        stripped = f"regexp_replace(normalize({expr}, NFD), '(?<=[A-Za-z]){marks}+', '', 'g')"
        expr = f"normalize({stripped}, NFC)"
    collate = f' COLLATE "{lower_collation}"' if lower_collation else ""
    expr = f"lower({expr}{collate})"
    separators = _regex_class("".join(FTS5_SEPARATORS) if utf8 else ASCII_SEPARATORS)
    expr = f"regexp_replace({expr}, '{separators}+', ' ', 'g')"
    for pattern, replacement in SHORT_WORD_RULES + SUFFIX_RULES:
        expr = f"regexp_replace({expr}, '{pattern}', '{replacement}', 'g')"
    return expr


def _create_fold_function() -> None:
    """Create ``newsarchive_fold`` for this database's encoding and collations."""
    bind = op.get_bind()
    utf8 = bind.exec_driver_sql("SHOW server_encoding").scalar() == "UTF8"
    icu = bind.exec_driver_sql("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'").first()
    # ICU lower-cases every script even in a C-locale database (whose lower() is ASCII-only)
    body = _fold_sql(utf8, "und-x-icu" if icu else None)
    op.execute(
        "CREATE FUNCTION newsarchive_fold(text) RETURNS text "
        f"LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fold$ SELECT {body} $fold$"
    )


def _replace_vector(expression: str) -> None:
    """Rebuild ``articles.search_vector`` (and its GIN index) from a new expression."""
    op.execute("DROP INDEX IF EXISTS ix_articles_search_vector")
    op.execute("ALTER TABLE articles DROP COLUMN search_vector")
    op.execute(
        f"ALTER TABLE articles ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({expression}) STORED"
    )
    op.execute("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite's FTS5 index is the reference: unchanged
    for statement in CONFIG:
        op.execute(statement)
    _create_fold_function()
    _replace_vector(NEW_VECTOR)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _replace_vector(OLD_VECTOR)
    op.execute("DROP FUNCTION newsarchive_fold(text)")
    op.execute("DROP TEXT SEARCH CONFIGURATION newsarchive")
    op.execute("DROP TEXT SEARCH DICTIONARY newsarchive_porter")
