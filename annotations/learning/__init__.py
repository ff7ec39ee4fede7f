"""The suggester learning from the newsroom's own annotations.

examples.py and trainer.py are pure spaCy (records in, a saved pipeline out);
data.py reads the editorial layer from the database; suggester.cfg is the
spaCy training config. The trained model runs beside the rules through
annotations/nlp/learned.py.
"""
