"""The headline: ``choose`` weighs structured titles, ``<title>`` and headings; ``site_names``
strips the site's name from them."""
