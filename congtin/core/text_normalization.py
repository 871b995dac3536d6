"""Store every piece of text in NFC, whatever form it arrives in.

Connected to ``pre_save`` for all models in ``CoreConfig.ready`` so that pages,
revisions, settings, tags, images and every later app are covered without each
model remembering to do it.
"""

import json

from django.db import models
from wagtail.fields import StreamField

from .vietnamese import nfc, nfc_deep


def normalize_instance_text(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if value is None:
            continue
        if isinstance(field, StreamField):
            prepared = field.get_prep_value(value)
            if isinstance(prepared, str):
                prepared = json.loads(prepared) if prepared else []
            normalized = nfc_deep(prepared)
            if normalized != prepared:
                setattr(instance, field.attname, json.dumps(normalized))
        elif isinstance(field, models.JSONField):
            setattr(instance, field.attname, nfc_deep(value))
        elif isinstance(value, str):
            setattr(instance, field.attname, nfc(value))
