"""Insight: full-text search on PostgreSQL, and indexes for the counts.

Search: a GIN-indexed tsvector of each quote's words, and one over claims.

A quote's words are not a column: they are slices of its article's text named
by its parts. A statement-level trigger on the parts keeps
`annotations_quote.search_vector` current however the parts are written (one
by one, in bulk, by an import), so Django never writes it and a stale model
instance cannot overwrite it. Claims are indexed on the very expression
`annotations.insight.search` queries. SQLite has no tsvector: there the
search is a plain contains-match and this migration does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

QUOTE_WORDS = """
    SELECT to_tsvector('english', coalesce(string_agg(substr(a.text, p.start + 1, p."end" - p.start), ' '
                                                     ORDER BY p.start), ''))
    FROM annotations_quotepart p, annotations_article a
    WHERE p.quote_id = q.id AND a.id = q.article_id
"""

FORWARD = [
    "ALTER TABLE annotations_quote ADD COLUMN search_vector tsvector",
    f"""
    CREATE FUNCTION annotations_quote_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE annotations_quote q SET search_vector = ({QUOTE_WORDS})
        WHERE q.id IN (SELECT DISTINCT quote_id FROM changed_parts);
        RETURN NULL;
    END $$
    """,
    # Transition tables allow one event per trigger, hence three.
    """CREATE TRIGGER quotepart_search_insert AFTER INSERT ON annotations_quotepart
       REFERENCING NEW TABLE AS changed_parts FOR EACH STATEMENT EXECUTE FUNCTION annotations_quote_search_refresh()""",
    """CREATE TRIGGER quotepart_search_update AFTER UPDATE ON annotations_quotepart
       REFERENCING NEW TABLE AS changed_parts FOR EACH STATEMENT EXECUTE FUNCTION annotations_quote_search_refresh()""",
    """CREATE TRIGGER quotepart_search_delete AFTER DELETE ON annotations_quotepart
       REFERENCING OLD TABLE AS changed_parts FOR EACH STATEMENT EXECUTE FUNCTION annotations_quote_search_refresh()""",
    f"UPDATE annotations_quote q SET search_vector = ({QUOTE_WORDS})",
    # search: quotes whose words match the query, ranked.
    "CREATE INDEX quote_search_vector_idx ON annotations_quote USING gin (search_vector)",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS quotepart_search_insert ON annotations_quotepart",
    "DROP TRIGGER IF EXISTS quotepart_search_update ON annotations_quotepart",
    "DROP TRIGGER IF EXISTS quotepart_search_delete ON annotations_quotepart",
    "DROP FUNCTION IF EXISTS annotations_quote_search_refresh()",
    "ALTER TABLE annotations_quote DROP COLUMN IF EXISTS search_vector",
]


def claim_index():
    # search: claims whose statement or rationale match; the same SearchVector the query builds.
    return GinIndex(SearchVector("statement", "rationale", config="english"), name="claim_search_idx")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)
    schema_editor.add_index(apps.get_model("annotations", "Claim"), claim_index())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("annotations", "Claim"), claim_index())
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0003_review_open_and_actions")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["id"], include=("outlet", "published_at"), name="article_outlet_date_idx"),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(
                condition=models.Q(("status", "confirmed"), models.Q(("origin", "gold"), _negated=True)),
                fields=["speaker", "article"],
                name="quote_confirmed_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="quote",
            index=models.Index(fields=["status", "origin"], name="quote_status_origin_idx"),
        ),
    ]
