from django.contrib.auth.management import create_permissions
from django.db import migrations

from annotations.roles import create_role_groups


def create_roles(apps, schema_editor):
    # Permissions normally appear after the whole migrate run; the groups need them now.
    app_config = apps.get_app_config("annotations")
    app_config.models_module = True  # the migration state's stub lacks it; create_permissions only tests it
    create_permissions(app_config, verbosity=0, apps=apps)
    create_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
