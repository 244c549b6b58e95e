"""The database cache every worker shares (CACHES in settings.py), created by `trellis migrate`."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "trellis_cache"


def create_cache_table(apps, schema_editor):
    # The table is made whatever CACHE_URL says now, so switching back from Redis needs no extra step.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("web", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
