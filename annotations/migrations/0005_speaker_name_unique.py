from django.db import migrations, models


class Migration(migrations.Migration):
    # Apart from 0004: PostgreSQL refuses to alter a table in the transaction that just updated its rows.
    dependencies = [
        ("annotations", "0004_speaker_lookup"),
    ]

    operations = [
        migrations.AddIndex(
            model_name='speaker',
            index=models.Index(fields=['normalized'], name='speaker_normalized_idx'),
        ),
        migrations.AddConstraint(
            model_name='speaker',
            constraint=models.UniqueConstraint(condition=models.Q(('description', ''), ('wikidata_id', '')), fields=('normalized',), name='speaker_name_unique_unless_described', violation_error_message='A speaker of this name exists already: tell the two apart with a description or a Wikidata ID, or merge them.'),
        ),
        migrations.AlterConstraint(
            model_name='speakeralias',
            name='alias_unique_per_speaker',
            constraint=models.UniqueConstraint(fields=('speaker', 'normalized'), name='alias_unique_per_speaker', violation_error_message='This speaker has this alias already (names differing only in case, accents or punctuation are one alias).'),
        ),
    ]
