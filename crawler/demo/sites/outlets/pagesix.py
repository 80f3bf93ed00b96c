"""Page Six: the New York Post's WordPress VIP markup on pagesix.com."""

from __future__ import annotations

from crawler.demo.sites.outlets.nypost import NYPostSite


class PageSixSite(NYPostSite):
    """pagesix.com: same platform and URL shapes as nypost.com."""

    key = "pagesix"
    name = "Page Six"
    origin = "https://pagesix.com"
    section_front_path = "/celebrity-news/"
    robots_years = range(2014, 2023)
    image_host = "https://pagesix.com/wp-content/uploads/sites/3/2022/08"
    newsletter = "Sign up for Page Six's newsletter: celebrity news, delivered."
    site_label = "Page Six"
