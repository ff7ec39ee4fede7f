import django.core.validators
from django.db import migrations, models

from annotations.models import fold_name


def fold_speaker_names(apps, schema_editor):
    """Fill Speaker.normalized and refold aliases (titles now fold too), keeping every record findable.

    Namesakes nobody told apart would break the new one-per-name rule: they are
    marked in their description so an admin sees them and merges or describes them.
    """
    Speaker = apps.get_model("annotations", "Speaker")
    SpeakerAlias = apps.get_model("annotations", "SpeakerAlias")
    seen: set[str] = set()
    for speaker in Speaker.objects.order_by("pk"):
        speaker.normalized = fold_name(speaker.name)
        fields = ["normalized"]
        if not speaker.description and not speaker.wikidata_id:
            if speaker.normalized in seen:
                speaker.description = f"Same name as an older record: merge or describe it (#{speaker.pk})"
                fields.append("description")
            seen.add(speaker.normalized)
        speaker.save(update_fields=fields)
    taken: set[tuple[int, str]] = set()
    for alias in SpeakerAlias.objects.order_by("speaker_id", "pk"):
        folded = fold_name(alias.name)
        # Two aliases that now fold alike keep their old forms; both still find the speaker.
        if (alias.speaker_id, folded) not in taken and folded != alias.normalized:
            if not SpeakerAlias.objects.filter(speaker_id=alias.speaker_id, normalized=folded).exists():
                alias.normalized = folded
                alias.save(update_fields=["normalized"])
        taken.add((alias.speaker_id, alias.normalized))


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from annotations.roles import create_role_groups

    app_config = apps.get_app_config("annotations")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    create_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0003_review_open_and_actions'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalspeaker',
            name='normalized',
            field=models.CharField(default='', editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name='speaker',
            name='normalized',
            field=models.CharField(default='', editable=False, max_length=300),
        ),
        migrations.AlterField(
            model_name='article',
            name='text',
            field=models.TextField(help_text='Frozen once any quote exists: every span points into it.', max_length=500000, validators=[django.core.validators.MaxLengthValidator(500000)]),
        ),
        migrations.AlterField(
            model_name='claim',
            name='rationale',
            field=models.TextField(blank=True, max_length=20000, validators=[django.core.validators.MaxLengthValidator(20000)]),
        ),
        migrations.AlterField(
            model_name='claim',
            name='statement',
            field=models.TextField(help_text="The checkable assertion, in the editor's words.", max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)]),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='text',
            field=models.TextField(help_text='Frozen once any quote exists: every span points into it.', max_length=500000, validators=[django.core.validators.MaxLengthValidator(500000)]),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='rationale',
            field=models.TextField(blank=True, max_length=20000, validators=[django.core.validators.MaxLengthValidator(20000)]),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='statement',
            field=models.TextField(help_text="The checkable assertion, in the editor's words.", max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)]),
        ),
        migrations.RunPython(fold_speaker_names, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
