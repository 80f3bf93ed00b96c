"""Publication and modification dates: ``parse`` (date values of every form -> page-local and
UTC), ``choose`` (the markup's dates checked against the printed one), ``headline`` (the date
printed with the headline), ``printed`` (full dates printed in a text)."""
