"""Interchange formats as pure codecs: bytes <-> the plain records of records.py.

No ORM and no HTTP in here, so each codec is tested on strings alone;
annotations/corpus moves records in and out of the database.
"""
