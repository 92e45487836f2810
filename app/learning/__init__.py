"""Learning from use: queries that led agents to an article become suggested 相似问 for the KB owner."""
