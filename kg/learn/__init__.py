"""What is trained: candidate events decided by models learnt from the corpus.

``features`` turns a Doc and a candidate into numbers, ``linear`` reads a
model from JSON, ``predict`` decides (pure), ``labels`` reads the gold for
training and ``train`` fits (``make train``; the only module that needs
scikit-learn, the ``train`` extra).
"""
