"""Search across every kind of record: the full-text index, the query, ranking, typo-tolerant lookup and the second line of a hit."""
