from django.contrib.auth.management import create_permissions
from django.db import migrations

from annotations.roles import ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
    # Permissions normally appear after the whole migrate run; the groups need them now.
    app_config = apps.get_app_config("annotations")
    app_config.models_module = True  # the migration state's stub lacks it; create_permissions only tests it
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="annotations", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
