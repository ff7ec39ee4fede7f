"""Signed quotations: a name with no verb, after a dash or before a colon.

"“...” ― Esther Tapia", "Philip Bump: '...'", and paragraphs led by a name
and a colon ("Q: And the wall?").
"""

from __future__ import annotations

from .context import Attribution, Context, Range, covered_quotations, trim

_DASHES = frozenset({"―", "—", "–", "-", "--"})
_MAX_SIGNATURE_TOKENS = 8


def signature(ctx: Context, index: int) -> tuple[Range, Range] | None:
    """ "“...” ― Esther Tapia": a quotation signed with a dash and a name ending the paragraph, or on the next line."""
    doc = ctx.doc
    i = ctx.quotation_ranges[index][-1][1]
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or doc[i].text not in _DASHES or ctx.quotation_of[i] != -1:
        return None
    dash = i
    paragraph = ctx.paragraph_of[dash]
    end = dash + 1
    while end < len(doc) and ctx.paragraph_of[end] == paragraph and ctx.quotation_of[end] == -1:
        end += 1
    name = trim(doc, dash + 1, end)
    if name is None or name[1] - name[0] > _MAX_SIGNATURE_TOKENS:
        return None
    if not any(doc[k].pos_ == "PROPN" for k in range(*name)):
        return None
    return (dash, dash + 1), name


def colon_speaker(ctx: Context, index: int) -> tuple[Range, Range] | None:
    """ "Philip Bump: 'Two weeks ago ...'": a name and a colon, no verb, introduce the quotation."""
    doc = ctx.doc
    colon = ctx.quotation_ranges[index][0][0] - 1
    while colon >= 0 and doc[colon].is_space:
        colon -= 1
    if colon <= 0 or doc[colon].text != ":" or ctx.quotation_of[colon] != -1:
        return None
    start = colon
    while (
        start > 0
        and colon - start < _MAX_SIGNATURE_TOKENS
        and ctx.quotation_of[start - 1] == -1
        and ctx.paragraph_of[start - 1] == ctx.paragraph_of[colon]
        and doc[start - 1].text not in (".", "?", "!", ":", ";")
    ):
        start -= 1
    name = trim(doc, start, colon)
    if name is None or (
        start > 0
        and ctx.paragraph_of[start - 1] == ctx.paragraph_of[colon]
        and doc[start - 1].text not in (".", "?", "!")
    ):
        return None
    words = [doc[i] for i in range(*name)]
    if any(word.pos_ in ("VERB", "AUX") for word in words) or not any(word.pos_ == "PROPN" for word in words):
        return None
    return (colon, colon + 1), name


def colon_paragraphs(ctx: Context) -> list[Attribution]:
    """Paragraphs that open with a short name and a colon, no verb: the rest of the paragraph is what it said."""
    doc = ctx.doc
    found = []
    starts = [0] + [i for i in range(1, len(doc)) if ctx.paragraph_of[i] != ctx.paragraph_of[i - 1]]
    for start in starts:
        while start < len(doc) and doc[start].is_space:
            start += 1
        colon = next(
            (
                i
                for i in range(start, min(start + _MAX_SIGNATURE_TOKENS + 1, len(doc)))
                if doc[i].text == ":" and ctx.paragraph_of[i] == ctx.paragraph_of[start]
            ),
            None,
        )
        if colon is None or colon == start or any(ctx.quotation_of[i] != -1 for i in range(start, colon + 1)):
            continue
        words = [doc[i] for i in range(start, colon)]
        if any(word.pos_ in ("VERB", "AUX") for word in words) or not any(word.pos_ == "PROPN" for word in words):
            continue
        end = colon + 1
        while end < len(doc) and ctx.paragraph_of[end] == ctx.paragraph_of[colon]:
            end += 1
        content = trim(doc, colon + 1, end)
        name = trim(doc, start, colon)
        if content is None or name is None or ctx.quotation_of[content[0]] != -1:
            continue
        if covered_quotations(ctx, [content]):
            continue
        found.append(Attribution([content], "indirect", 0.45, (colon, colon + 1), name, []))
    return found
