"""What is trained: candidate events decided by models learnt from the corpus.

``features`` turns a Doc and a candidate into numbers, ``linear`` reads a
model from JSON, ``predict`` decides (pure), ``labels`` reads the gold for
training, ``train`` fits the decider and ``kinds`` the kind model of names
(``make train``; the only modules that need scikit-learn, the ``train``
extra).
"""
