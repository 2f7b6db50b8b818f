"""What kg knows before it reads a word: the ontology's lexicon, the gazetteer
and the closed word lists. Nothing here touches a Doc or a store."""
