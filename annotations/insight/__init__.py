"""The read-only questions asked of the annotated corpus: search, speakers, counts, suggestion quality, effort.

Every function here reads; none writes. Gold quotes (the demo's hand-checked
reference layer) are never counted or shown as editorial quotes.
"""
