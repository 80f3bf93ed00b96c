"""Per-outlet site models: one small class per outlet, overriding only what its site does."""

from __future__ import annotations

from crawler.demo.sites.base import OutletSite
from crawler.demo.sites.outlets.dailymail import DailyMailSite
from crawler.demo.sites.outlets.foxnews import FoxNewsSite
from crawler.demo.sites.outlets.gbnews import GBNewsSite
from crawler.demo.sites.outlets.hola import HolaSite
from crawler.demo.sites.outlets.independent import IndependentSite
from crawler.demo.sites.outlets.insider import InsiderSite
from crawler.demo.sites.outlets.newsweek import NewsweekSite
from crawler.demo.sites.outlets.nymag import NYMagSite
from crawler.demo.sites.outlets.nypost import NYPostSite
from crawler.demo.sites.outlets.pagesix import PageSixSite
from crawler.demo.sites.outlets.people import PeopleSite
from crawler.demo.sites.outlets.perezhilton import PerezHiltonSite
from crawler.demo.sites.outlets.sheknows import SheKnowsSite
from crawler.demo.sites.outlets.thelist import TheListSite
from crawler.demo.sites.outlets.toofab import ToofabSite

#: outlet key -> its site model class
SITE_CLASSES: dict[str, type[OutletSite]] = {
    cls.key: cls
    for cls in (
        PeopleSite,
        InsiderSite,
        GBNewsSite,
        HolaSite,
        ToofabSite,
        TheListSite,
        PerezHiltonSite,
        SheKnowsSite,
        NYMagSite,
        PageSixSite,
        NYPostSite,
        FoxNewsSite,
        DailyMailSite,
        IndependentSite,
        NewsweekSite,
    )
}
