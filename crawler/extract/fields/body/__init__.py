"""The article text: ``choose`` (outlet container, articleBody or main text), ``lead`` (the
opening paragraph extractors drop), ``boilerplate`` (prompts and page furniture)."""
