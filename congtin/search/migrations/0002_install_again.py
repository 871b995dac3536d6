from django.db import migrations

# Brings a database made by an earlier 0001 to the design of the time: no GIN index
# on the exact-form vector. The statements are idempotent.
from ._vendor_sql import install


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
