"""Text in three languages and two alphabets: normal form, folding for search, collation, spelling keys and the gazetteer, formatting of dates, numbers and money."""
